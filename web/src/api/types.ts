import type { EcsObject } from '../../../src/model/event.ts';
import type { Locale } from '../i18n/index.ts';

/**
 * The shapes the console reads from the API. Where the generated OpenAPI schema (schema.d.ts)
 * covers a route, endpoints.ts checks these against it.
 */
export type { EcsObject };

export interface Grant {
  /** A tenant id, or `*` for the whole centre. */
  tenant: string;
  role: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  grants: Grant[];
  disabled?: boolean;
}

export interface Tenant {
  id: string;
  name: string;
  country: string;
  networks: string[];
}

export interface Me {
  user: User;
  tenants: Tenant[];
}

export type BreachGrouping = 'country' | 'day' | 'asn';

export interface BreachRow {
  key: string;
  label?: string;
  count: number;
  /** Distinct source addresses. */
  sources: number;
}

export interface BreachStats {
  from: string;
  to: string;
  by: BreachGrouping;
  total: number;
  rows: BreachRow[];
}

export interface HistogramBucket {
  /** Start of the bucket, ISO 8601 or epoch ms. */
  key: string | number;
  count: number;
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface Alert {
  id: string;
  tenant: string;
  detector: string;
  title: string;
  severity: Severity;
  score: number;
  status: AlertStatus;
  firstSeen: string;
  lastSeen: string;
  count: number;
  technique?: { id: string; name: string };
  explanation?: string;
  evidence?: EcsObject[];
  /** Related entities by kind (`ip`, `hosts`, ...). */
  entities?: Record<string, string[]>;
}

export interface Sensor {
  id: string;
  tenant: string;
  name?: string;
  format?: string;
  address?: string;
  lastSeen?: string | number | null;
  events?: number;
  rejects?: number;
}

export interface Reject {
  receivedAt: string | number;
  tenant: string;
  sensor: string;
  origin: string;
  format: string;
  reason: string;
  raw: string;
  line?: number;
}

export interface ApiToken {
  id: string;
  name: string;
  tenant?: string;
  role?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
}

export interface AuditEntry {
  id?: string | number;
  at: string;
  actor: string;
  action: string;
  tenant?: string | null;
  target?: string | null;
}
