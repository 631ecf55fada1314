import type { Alert, AlertStatus, Severity } from '../../detect/alert.ts';
import type { AlertRepo } from '../../detect/alert-repo.ts';
import type { TenantScope } from '../../model/tenant.ts';

/**
 * Where state lives: tenants, users, sessions, tokens, sensors, audit, alerts and suppressions
 * (and later cases, assessments, risks). The embedded adapter is PGlite
 * (src/store/state/pglite.ts); the server adapter is PostgreSQL. Both run the same Kysely
 * migrations and the same SQL.
 */

export type Role = 'admin' | 'analyst' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer'];

/** A role held in one tenant, or centre-wide when `tenant` is `*`. */
export interface RoleGrant {
  readonly tenant: string | '*';
  readonly role: Role;
}

export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** ISO 3166 country of the municipality (`DK`, `NO`): default language and holidays. */
  readonly country: string;
  /** The tenant's own address space (CIDRs), internal and public: decides network.direction. */
  readonly networks: readonly string[];
  readonly createdAt: number;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  /** `da`, `nb` or `en`. */
  readonly locale: string;
  readonly disabled: boolean;
  readonly grants: readonly RoleGrant[];
  readonly createdAt: number;
}

export interface UserWithSecret extends User {
  readonly passwordHash: string;
}

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  /** Tokens act as a user with that user's grants, narrowed to `grants` when given. */
  readonly userId: string;
  readonly grants: readonly RoleGrant[];
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
}

/** How a sensor is recognised when its data arrives. */
export type SensorMatch =
  | { readonly kind: 'address'; readonly cidr: string }
  | { readonly kind: 'listener'; readonly listener: string }
  | { readonly kind: 'token'; readonly tokenHash: string };

export interface Sensor {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  /** Decoder format, or `auto`. */
  readonly format: string;
  readonly match: SensorMatch;
  readonly createdAt: number;
}

export interface AuditEntry {
  readonly at: number;
  /** Tenant the action concerned, or `*` for centre-wide actions. */
  readonly tenant: string;
  readonly actor: string;
  readonly action: string;
  readonly target?: string;
  readonly detail?: Record<string, unknown>;
  readonly ip?: string;
}

export interface TenantRepo {
  list(scope: TenantScope): Promise<Tenant[]>;
  get(scope: TenantScope, id: string): Promise<Tenant | undefined>;
  upsert(t: Omit<Tenant, 'createdAt'>): Promise<Tenant>;
}

export interface UserRepo {
  /** Users visible in scope: those holding a grant in one of its tenants (all, for `all`). */
  list(scope: TenantScope): Promise<User[]>;
  byId(id: string): Promise<User | undefined>;
  /** For sign-in only: includes the password hash. */
  byUsernameWithSecret(username: string): Promise<UserWithSecret | undefined>;
  create(u: { username: string; displayName: string; passwordHash: string; locale: string; grants: readonly RoleGrant[] }): Promise<User>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  setGrants(id: string, grants: readonly RoleGrant[]): Promise<void>;
  setLocale(id: string, locale: string): Promise<void>;
  setDisabled(id: string, disabled: boolean): Promise<void>;
  count(): Promise<number>;
}

export interface SessionRepo {
  /** `idHash` is the SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  create(idHash: string, userId: string, expiresAt: number): Promise<void>;
  get(idHash: string, now: number): Promise<Session | undefined>;
  delete(idHash: string): Promise<void>;
  /**
   * End every session of a user (password changed, account disabled), except `keep` (the id hash
   * of the caller's own session when they change their own password); returns how many ended.
   */
  deleteForUser(userId: string, keep?: string): Promise<number>;
  deleteExpired(now: number): Promise<number>;
}

export interface ApiTokenRepo {
  create(t: { name: string; userId: string; tokenHash: string; grants: readonly RoleGrant[]; expiresAt: number | null }): Promise<ApiToken>;
  byHash(tokenHash: string, now: number): Promise<ApiToken | undefined>;
  listForUser(userId: string): Promise<ApiToken[]>;
  revoke(id: string): Promise<void>;
  touch(id: string, at: number): Promise<void>;
}

export interface SensorRepo {
  list(scope: TenantScope): Promise<Sensor[]>;
  create(s: Omit<Sensor, 'id' | 'createdAt'>): Promise<Sensor>;
  delete(scope: TenantScope, id: string): Promise<boolean>;
}

export interface AuditRepo {
  append(e: AuditEntry): Promise<void>;
  list(scope: TenantScope, q: { from: number; to: number; limit: number }): Promise<AuditEntry[]>;
}

export type AlertSort = 'lastSeen' | 'score' | 'severity';

/** The alert queue's filters; every one is optional but the page. */
export interface AlertQuery {
  readonly status?: AlertStatus | undefined;
  readonly severity?: Severity | undefined;
  readonly detector?: string | undefined;
  /** Alerts active in [from, to): last seen at or after `from`, first seen before `to`. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** Substring of the entity, a related IP or a related host name (case-insensitive). */
  readonly q?: string | undefined;
  /** Descending; `lastSeen` when absent. */
  readonly sort?: AlertSort | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** A stored alert: the detection `Alert` plus who last changed its status. */
export interface StoredAlert extends Alert {
  readonly statusChangedBy: string | null;
  readonly statusChangedAt: number | null;
}

export interface AlertStatusChange {
  readonly alert: StoredAlert;
  readonly previous: AlertStatus;
}

/** Alerts by severity in one tenant. */
export interface SeverityCounts {
  readonly tenant: string;
  readonly counts: Readonly<Record<Severity, number>>;
}

/**
 * The alerts table. `upsert` (AlertSink) keeps the analyst's status, with one exception: an
 * update that brings activity after the last seen time of a *closed* alert reopens it (set by
 * `detection`), so activity the engine folded in before it learnt of the close is not lost.
 */
export interface AlertStore extends AlertRepo {
  get(scope: TenantScope, id: string): Promise<StoredAlert | undefined>;
  list(scope: TenantScope, q: AlertQuery): Promise<{ alerts: StoredAlert[]; total: number }>;
  /** Set the status of those of `ids` in scope whose status differs; returns what changed. */
  setStatuses(scope: TenantScope, ids: readonly string[], status: AlertStatus, by: string, at: number): Promise<AlertStatusChange[]>;
  /** Per tenant in scope with any such alert. */
  countBySeverity(scope: TenantScope, status: AlertStatus): Promise<SeverityCounts[]>;
}

/** An analyst's rule that findings matching it raise no alert (see src/detect/dedup.ts). */
export interface Suppression {
  readonly id: string;
  /** A tenant id, or `*` for every tenant. */
  readonly tenant: string;
  /** Only this detector; every detector when null. */
  readonly detector: string | null;
  /** An IP, a CIDR, or a host name / exact alert entity. */
  readonly entity: string;
  readonly reason: string;
  readonly owner: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface SuppressionRepo {
  /** Rules in scope not yet expired at `now`; centre-wide (`*`) rules only for an all-tenant scope. */
  list(scope: TenantScope, now: number): Promise<Suppression[]>;
  /** Rules in scope, expired ones too, latest expiry first, at most `limit`: the history analysts review. */
  history(scope: TenantScope, limit: number): Promise<Suppression[]>;
  create(s: Omit<Suppression, 'id' | 'createdAt'>, at: number): Promise<Suppression>;
  delete(scope: TenantScope, id: string): Promise<Suppression | undefined>;
}

export interface StateStore {
  readonly tenants: TenantRepo;
  readonly users: UserRepo;
  readonly sessions: SessionRepo;
  readonly tokens: ApiTokenRepo;
  readonly sensors: SensorRepo;
  readonly audit: AuditRepo;
  readonly alerts: AlertStore;
  readonly suppressions: SuppressionRepo;
  close(): Promise<void>;
}
