import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { TENANT_ID_PATTERN } from '../model/tenant.ts';
import { ROLES } from '../store/state/state-store.ts';
import { fail } from './errors.ts';

/** Schemas shared by several domains. Each domain keeps its own in its folder. */

export const TenantId = z.string().regex(TENANT_ID_PATTERN).describe('Tenant id (slug), e.g. `nordby`');

export const Cidr = z
  .string()
  .max(64)
  .refine((s) => ipaddr.isValidCIDR(s), 'expected a CIDR such as 192.0.2.0/24')
  .describe('CIDR, IPv4 or IPv6');

export const RoleGrantSchema = z.object({
  tenant: z.union([TenantId, z.literal('*')]).describe('Tenant id, or `*` for centre-wide'),
  role: z.enum(ROLES as ['admin', 'analyst', 'viewer']),
});

/** A point in time in a query string: ISO 8601 or epoch milliseconds. */
export const Instant = z
  .string()
  .transform((s, ctx) => {
    const ms = /^\d{1,16}$/.test(s) ? Number(s) : Date.parse(s);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'expected ISO 8601 or epoch milliseconds' });
      return z.NEVER;
    }
    return ms;
  })
  .describe('ISO 8601 (`2026-11-23T08:00:00Z`) or epoch milliseconds');

export const TimeRangeQuery = z.object({
  from: Instant.optional().describe('Inclusive start; default `to` minus 24 hours'),
  to: Instant.optional().describe('Exclusive end; default now'),
});

export const ScopedTimeRangeQuery = TimeRangeQuery.extend({
  tenant: TenantId.optional().describe('Narrow to one tenant you can see'),
});

/** A whole number in a query string, with bounds (query values arrive as text). */
export function IntParam(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

export const DAY_MS = 86_400_000;
/** Longest range one query may cover: a year and a day, beyond any sensible retention. */
export const MAX_RANGE_MS = 366 * DAY_MS;

/** Fill in defaults (last 24 h) and check order and length. */
export function resolveRange(q: { from?: number | undefined; to?: number | undefined }, now: number): { from: number; to: number } {
  const to = q.to ?? now;
  const from = q.from ?? to - DAY_MS;
  if (!(from < to)) fail('VAERN_ERR_TIME_RANGE', '`from` must be before `to`');
  if (to - from > MAX_RANGE_MS) fail('VAERN_ERR_TIME_RANGE', 'The range may cover at most 366 days');
  return { from, to };
}

export const IsoTime = z.string().describe('ISO 8601 time');

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
