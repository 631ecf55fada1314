import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * The state database as Kysely sees it. One interface per table, columns in snake_case as in
 * the migrations (src/store/state/migrations/).
 *
 * Timestamps are `bigint` epoch milliseconds: the rest of Vaern counts time in epoch ms, and
 * comparing integers needs no time-zone handling. PGlite returns int8 as a number, node-postgres
 * as a string, so the select type admits both and the repositories convert with `Number`.
 */
export type EpochMs = ColumnType<number | string, number, number>;
export type NullableEpochMs = ColumnType<number | string | null, number | null, number | null>;

/** jsonb: written as JSON text (both drivers accept that), read back parsed. */
type Json<T extends object> = JSONColumnType<T, string, string>;

export interface TenantsTable {
  id: string;
  name: string;
  country: string;
  networks: Json<string[]>;
  created_at: EpochMs;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  locale: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: EpochMs;
}

export interface RoleGrantsTable {
  user_id: string;
  /** A tenant id, or `*` for centre-wide. */
  tenant: string;
  role: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: EpochMs;
  expires_at: EpochMs;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  user_id: string;
  token_hash: string;
  grants: Json<{ tenant: string; role: string }[]>;
  created_at: EpochMs;
  expires_at: NullableEpochMs;
  last_used_at: NullableEpochMs;
  revoked: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SensorsTable {
  id: string;
  tenant: string;
  name: string;
  format: string;
  match: Json<Record<string, string>>;
  created_at: EpochMs;
}

export interface AuditLogTable {
  /** Insertion order, so entries with the same `at` keep their sequence. */
  id: Generated<number | string>;
  at: EpochMs;
  tenant: string;
  actor: string;
  action: string;
  target: string | null;
  detail: ColumnType<Record<string, unknown> | null, string | null, never>;
  ip: string | null;
}

export interface AlertsTable {
  id: string;
  tenant: string;
  detector: string;
  entity: string;
  status: string;
  severity: string;
  score: number;
  technique_id: string;
  technique_name: string;
  title: string;
  explanation: string;
  evidence: Json<{ counts: Record<string, number>; sampleEvents: Record<string, unknown>[] }>;
  related: Json<{ ip: string[]; hosts: string[]; users: string[] }>;
  fields: Json<Record<string, string | number | string[]>>;
  count: number;
  first_seen: EpochMs;
  last_seen: EpochMs;
  created_at: EpochMs;
  updated_at: EpochMs;
  status_changed_by: string | null;
  status_changed_at: NullableEpochMs;
}

export interface SuppressionsTable {
  id: string;
  /** A tenant id, or `*` for every tenant. */
  tenant: string;
  detector: string | null;
  entity: string;
  reason: string;
  owner: string;
  created_at: EpochMs;
  expires_at: EpochMs;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sensors: SensorsTable;
  audit_log: AuditLogTable;
  alerts: AlertsTable;
  suppressions: SuppressionsTable;
}
