import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { TenantScope } from '../../model/tenant.ts';
import type { EventFilter } from '../../store/events/event-store.ts';
import { fail } from '../errors.ts';
import { Cidr, IntParam, resolveRange, ScopedTimeRangeQuery } from '../schemas.ts';

/** The hunt filters, shared by the event list, the histogram and the CSV export. */
export const HuntQuery = ScopedTimeRangeQuery.extend({
  ip: z
    .string()
    .max(64)
    .refine((s) => ipaddr.isValid(s), 'expected an IPv4 or IPv6 address')
    .optional()
    .describe('Address at either end'),
  cidr: Cidr.optional().describe('Range containing either end'),
  port: IntParam(0, 65_535).optional().describe('Destination port'),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166 alpha-2 code')
    .transform((s) => s.toUpperCase())
    .optional()
    .describe('Source country (ISO 3166 alpha-2)'),
  asn: IntParam(0, 4_294_967_295).optional().describe('Source AS number'),
  action: z.string().min(1).max(64).optional().describe('`event.action`, e.g. `denied`'),
  sensor: z.string().min(1).max(128).optional().describe('Sensor name (`vaern.sensor`)'),
});
export type HuntQuery = z.infer<typeof HuntQuery>;

/** Turn validated query parameters into the store's filter, in the caller's scope. */
export function huntFilter(q: HuntQuery, scope: TenantScope, now: number): EventFilter {
  if (q.ip !== undefined && q.cidr !== undefined) fail('VAERN_ERR_VALIDATION', 'Give `ip` or `cidr`, not both');
  const { from, to } = resolveRange(q, now);
  const equals: NonNullable<EventFilter['equals']> = {};
  if (q.port !== undefined) equals['destination.port'] = q.port;
  if (q.country !== undefined) equals['source.geo.country_iso_code'] = q.country;
  if (q.asn !== undefined) equals['source.as.number'] = q.asn;
  if (q.action !== undefined) equals['event.action'] = q.action;
  if (q.sensor !== undefined) equals['vaern.sensor'] = q.sensor;
  const address = q.ip ?? q.cidr;
  return { scope, from, to, equals, ...(address === undefined ? {} : { address }) };
}

/** The filter as written to the audit log: what was looked for, not the scope object. */
export function filterForAudit(f: EventFilter): Record<string, unknown> {
  return { from: f.from, to: f.to, ...f.equals, ...(f.address === undefined ? {} : { address: f.address }) };
}
