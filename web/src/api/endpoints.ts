import { queryString, request, type Query } from './http.ts';
import type {
  Alert,
  AlertStatus,
  ApiToken,
  AuditEntry,
  BreachGrouping,
  BreachStats,
  EcsObject,
  HistogramBucket,
  Me,
  Reject,
  Sensor,
  Tenant,
  User,
} from './types.ts';
import type { Locale } from '../i18n/index.ts';

/** Every API route the console calls, in one place. */
const V1 = '/api/v1';

export interface TimeQuery {
  from: string;
  to: string;
  tenant?: string | undefined;
}

export type HuntQuery = TimeQuery & Query;

export const auth = {
  login: (username: string, password: string) => request<{ user: User }>('POST', `${V1}/auth/login`, { body: { username, password } }),
  logout: () => request<void>('POST', `${V1}/auth/logout`),
  me: () => request<Me>('GET', `${V1}/auth/me`),
  setLocale: (locale: Locale) => request<void>('PUT', `${V1}/auth/me/locale`, { body: { locale } }),
};

export const stats = {
  breachAttempts: (q: TimeQuery & { by: BreachGrouping }) => request<BreachStats>('GET', `${V1}/stats/breach-attempts`, { query: { ...q } }),
};

export const events = {
  search: (q: HuntQuery) => request<{ events: EcsObject[] }>('GET', `${V1}/events`, { query: q }),
  histogram: (q: HuntQuery) => request<{ buckets: HistogramBucket[] }>('GET', `${V1}/events/histogram`, { query: q }),
  csvHref: (q: HuntQuery) => `${V1}/events.csv${queryString(q)}`,
};

export const rejects = {
  list: (q: TimeQuery & { limit?: number }) => request<{ rejects: Reject[] }>('GET', `${V1}/rejects`, { query: { ...q } }),
};

export interface AlertQuery {
  tenant?: string | undefined;
  status?: AlertStatus | '' | undefined;
  severity?: string | undefined;
  limit?: number;
}

export const alerts = {
  list: (q: AlertQuery) => request<{ alerts: Alert[] }>('GET', `${V1}/alerts`, { query: { ...q } }),
  get: (id: string) => request<{ alert: Alert }>('GET', `${V1}/alerts/${encodeURIComponent(id)}`),
  setStatus: (ids: string[], status: Exclude<AlertStatus, 'open'>) => request<void>('POST', `${V1}/alerts/status`, { body: { ids, status } }),
  suppress: (id: string, body: { reason: string; durationHours: number }) =>
    request<void>('POST', `${V1}/alerts/${encodeURIComponent(id)}/suppress`, { body }),
};

export const sensors = {
  list: (tenant?: string) => request<{ sensors: Sensor[] }>('GET', `${V1}/sensors`, { query: { tenant } }),
  create: (body: { tenant: string; id: string; name?: string; format?: string; address?: string }) =>
    request<{ sensor: Sensor }>('POST', `${V1}/sensors`, { body }),
  remove: (id: string) => request<void>('DELETE', `${V1}/sensors/${encodeURIComponent(id)}`),
};

export const tenants = {
  list: () => request<{ tenants: Tenant[] }>('GET', `${V1}/tenants`),
  create: (body: Tenant) => request<{ tenant: Tenant }>('POST', `${V1}/tenants`, { body }),
  update: (id: string, body: Partial<Omit<Tenant, 'id'>>) => request<{ tenant: Tenant }>('PATCH', `${V1}/tenants/${encodeURIComponent(id)}`, { body }),
};

export const users = {
  list: () => request<{ users: User[] }>('GET', `${V1}/users`),
  create: (body: Omit<User, 'id'> & { password: string }) => request<{ user: User }>('POST', `${V1}/users`, { body }),
  update: (id: string, body: Partial<Omit<User, 'id'>> & { password?: string }) =>
    request<{ user: User }>('PATCH', `${V1}/users/${encodeURIComponent(id)}`, { body }),
};

export const tokens = {
  list: () => request<{ tokens: ApiToken[] }>('GET', `${V1}/tokens`),
  /** The secret is returned once, at creation. */
  create: (body: { name: string; tenant: string; role: string }) => request<{ token: ApiToken; secret: string }>('POST', `${V1}/tokens`, { body }),
  revoke: (id: string) => request<void>('DELETE', `${V1}/tokens/${encodeURIComponent(id)}`),
};

export const audit = {
  list: (q: { limit?: number; tenant?: string | undefined } = {}) => request<{ entries: AuditEntry[] }>('GET', `${V1}/audit`, { query: { ...q } }),
};

export const STREAM_URL = `${V1}/stream`;
