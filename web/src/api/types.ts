import type { paths } from './schema';

/* The shapes the console reads from the API, taken from the generated OpenAPI schema. */

/** One event as the API returns it: nested ECS JSON (see src/model/event.ts). */
export type EventDoc = Record<string, unknown>;

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch', S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Me = Json<'/api/v1/auth/me', 'get'>;
type User = Me['user'];
export type Grant = User['grants'][number];
export type Role = Grant['role'];
export type Tenant = Json<'/api/v1/tenants', 'get'>['tenants'][number];
export type UserRecord = Json<'/api/v1/users', 'get'>['users'][number];
type BreachStats = Json<'/api/v1/stats/breach-attempts', 'get'>;
export type BreachRow = BreachStats['rows'][number];
export type HistogramBucket = Json<'/api/v1/events/histogram', 'get'>['buckets'][number];
export type Sensor = Json<'/api/v1/sensors', 'get'>['sensors'][number];
export type SensorMatch = Sensor['match'];
export type BreachGrouping = BreachStats['by'];

export type Alert = Json<'/api/v1/alerts/{id}', 'get'>['alert'];
export type Severity = Alert['severity'];
export type AlertStatus = Alert['status'];
export type Suppression = Json<'/api/v1/suppressions', 'get'>['suppressions'][number];
export type AlertSummary = Json<'/api/v1/alerts/summary', 'get'>['tenants'][number];

/** Worst first, as the console lists them. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[];
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const satisfies readonly AlertStatus[];
