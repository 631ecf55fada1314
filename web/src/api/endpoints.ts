import { client, queryOf, unwrap } from './client.ts';
import { queryString } from './http.ts';
import type { AlertStatus, BreachGrouping, Grant, SensorMatch, Tenant } from './types.ts';
import type { Locale } from '../i18n/index.ts';

/** Every API call the console makes, in one place. */
const V1 = '/api/v1';

export interface TimeQuery {
  from: string;
  to: string;
  tenant?: string | undefined;
}

export type HuntQuery = TimeQuery & Partial<Record<'ip' | 'cidr' | 'port' | 'country' | 'asn' | 'action' | 'sensor', string>>;

export const auth = {
  login: (username: string, password: string) => unwrap(client.POST('/api/v1/auth/login', { body: { username, password } })),
  logout: () => unwrap(client.POST('/api/v1/auth/logout')),
  me: () => unwrap(client.GET('/api/v1/auth/me')),
  setLocale: (locale: Locale) => unwrap(client.PUT('/api/v1/auth/me/locale', { body: { locale } })),
};

export const stats = {
  breachAttempts: (q: TimeQuery & { by: BreachGrouping; limit?: number }) =>
    unwrap(client.GET('/api/v1/stats/breach-attempts', { params: { query: queryOf({ limit: 1000, ...q }) } })),
};

export const events = {
  search: (q: HuntQuery & { limit: number }) => unwrap(client.GET('/api/v1/events', { params: { query: queryOf(q) } })),
  histogram: (q: HuntQuery & { interval: 'hour' | 'day' }) =>
    unwrap(client.GET('/api/v1/events/histogram', { params: { query: { ...queryOf(q), interval: q.interval } } })),
  csvHref: (q: HuntQuery) => `${V1}/events.csv${queryString(q)}`,
};

export const rejects = {
  list: (q: TimeQuery & { limit: number }) => unwrap(client.GET('/api/v1/rejects', { params: { query: queryOf(q) } })),
};

export const sensors = {
  list: (tenant?: string) => unwrap(client.GET('/api/v1/sensors', { params: { query: queryOf({ tenant }) } })),
  /** For token sensors the sender token is returned once, at creation. */
  create: (body: { tenant: string; name: string; format: string; match: SensorMatch }) => unwrap(client.POST('/api/v1/sensors', { body })),
  remove: (id: string) => unwrap(client.DELETE('/api/v1/sensors/{id}', { params: { path: { id } } })),
};

export const tenants = {
  list: () => unwrap(client.GET('/api/v1/tenants')),
  create: (body: Omit<Tenant, 'createdAt' | 'country'> & { country: 'DK' | 'NO' }) => unwrap(client.POST('/api/v1/tenants', { body })),
  update: (id: string, body: { name?: string; country?: 'DK' | 'NO'; networks?: string[] }) =>
    unwrap(client.PATCH('/api/v1/tenants/{id}', { params: { path: { id } }, body })),
};

export const users = {
  list: () => unwrap(client.GET('/api/v1/users')),
  create: (body: { username: string; displayName: string; password: string; locale: Locale; grants: Grant[] }) =>
    unwrap(client.POST('/api/v1/users', { body })),
  update: (id: string, body: { grants?: Grant[]; disabled?: boolean; password?: string }) =>
    unwrap(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
};

export const tokens = {
  list: () => unwrap(client.GET('/api/v1/tokens')),
  /** The secret is returned once, at creation. */
  create: (body: { name: string; grants: Grant[]; expiresInDays?: number }) => unwrap(client.POST('/api/v1/tokens', { body })),
  revoke: (id: string) => unwrap(client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
};

export const audit = {
  list: (q: { limit: number; tenant?: string | undefined }) => unwrap(client.GET('/api/v1/audit', { params: { query: queryOf(q) } })),
};

export interface AlertQuery {
  tenant?: string | undefined;
  status?: AlertStatus | undefined;
  limit?: number;
}

export const alerts = {
  list: (q: AlertQuery) => unwrap(client.GET('/api/v1/alerts', { params: { query: queryOf(q) } })),
  /** Open alerts by severity, one row per tenant the user can see. */
  summary: (tenant?: string) => unwrap(client.GET('/api/v1/alerts/summary', { params: { query: queryOf({ tenant }) } })),
  get: (id: string) => unwrap(client.GET('/api/v1/alerts/{id}', { params: { path: { id } } })),
  setStatus: (ids: string[], status: AlertStatus) => unwrap(client.POST('/api/v1/alerts/status', { body: { ids, status } })),
  /** A suppression rule for the alert's tenant, detector and entity. */
  suppress: (id: string, body: { reason: string; durationHours: number }) =>
    unwrap(client.POST('/api/v1/alerts/{id}/suppress', { params: { path: { id } }, body })),
};

export const suppressions = {
  /** `all` adds expired rules (latest expiry first) to those in force. */
  list: (q: { tenant?: string | undefined; include: 'active' | 'all' }) => unwrap(client.GET('/api/v1/suppressions', { params: { query: queryOf(q) } })),
  remove: (id: string) => unwrap(client.DELETE('/api/v1/suppressions/{id}', { params: { path: { id } } })),
};

export const STREAM_URL = `${V1}/stream`;
