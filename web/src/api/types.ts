import type { paths } from './schema';

/**
 * The shapes the console reads from the API, taken from the generated OpenAPI schema where the
 * server documents the route, written here where it does not yet (alerts).
 */
/** One event as the API returns it: nested ECS JSON (see src/model/event.ts). */
export type EventDoc = Record<string, unknown>;

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch', S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Me = Json<'/api/v1/auth/me', 'get'>;
export type User = Me['user'];
export type Grant = User['grants'][number];
export type Role = Grant['role'];
export type Tenant = Json<'/api/v1/tenants', 'get'>['tenants'][number];
export type UserRecord = Json<'/api/v1/users', 'get'>['users'][number];
export type BreachStats = Json<'/api/v1/stats/breach-attempts', 'get'>;
export type BreachRow = BreachStats['rows'][number];
export type HistogramBucket = Json<'/api/v1/events/histogram', 'get'>['buckets'][number];
export type Sensor = Json<'/api/v1/sensors', 'get'>['sensors'][number];
export type SensorMatch = Sensor['match'];
export type Reject = Json<'/api/v1/rejects', 'get'>['rejects'][number];
export type ApiToken = Json<'/api/v1/tokens', 'get'>['tokens'][number];
export type AuditEntry = Json<'/api/v1/audit', 'get'>['entries'][number];
export type BreachGrouping = BreachStats['by'];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Event times are epoch ms or ISO 8601. */
export interface Alert {
  id: string;
  tenant: string;
  detector: string;
  /** What the alert is about: an address, a country, a pair of addresses. */
  entity?: string;
  title: string;
  severity: Severity;
  score: number;
  status: AlertStatus;
  firstSeen: number | string;
  lastSeen: number | string;
  count: number;
  technique?: { id: string; name: string };
  explanation?: string;
  evidence?: { counts?: Record<string, number>; sampleEvents?: unknown[] };
  related?: Record<string, string[]>;
}
