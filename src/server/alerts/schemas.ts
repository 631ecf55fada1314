import { z } from 'zod';
import { SEVERITIES, type Severity } from '../../detect/alert.ts';
import { DETECTORS } from '../../detect/registry.ts';
import { toEcs } from '../../model/event.ts';
import type { StoredAlert, Suppression } from '../../store/state/state-store.ts';
import { Instant, IntParam, TenantId } from '../schemas.ts';

/** Alert and suppression shapes of the API: camelCase, times in epoch ms, as the console reads them. */

export const SeverityEnum = z.enum(SEVERITIES as [Severity, ...Severity[]]);
export const AlertStatusEnum = z.enum(['open', 'acknowledged', 'closed']);
export const DetectorId = z.enum(DETECTORS.map((d) => d.id) as [string, ...string[]]).describe('A detector id, e.g. `port-scan`');
const AlertId = z.string().min(1).max(200);

export const AlertRecord = z.object({
  id: z.string(),
  tenant: z.string(),
  detector: z.string(),
  entity: z.string().describe('What the alert is about: an address, a country, a pair `a>b`'),
  status: AlertStatusEnum,
  severity: SeverityEnum,
  score: z.number().describe('0-100, comparable across detectors (ECS event.risk_score)'),
  technique: z.object({ id: z.string(), name: z.string() }).describe('MITRE ATT&CK technique'),
  title: z.string(),
  explanation: z.string(),
  evidence: z.object({
    counts: z.record(z.string(), z.number()),
    sampleEvents: z.array(z.record(z.string(), z.unknown())).describe('Events behind the alert as nested ECS JSON; only for analysts of the tenant'),
  }),
  related: z.object({ ip: z.array(z.string()), hosts: z.array(z.string()), users: z.array(z.string()) }),
  count: z.number().int().describe('Findings folded into this alert'),
  firstSeen: z.number().int().describe('Event time of the first activity, epoch ms'),
  lastSeen: z.number().int().describe('Event time of the latest activity, epoch ms'),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).describe('Detector-specific ECS fields'),
  statusChangedBy: z.string().nullable(),
  statusChangedAt: z.number().int().nullable(),
});
export type AlertRecord = z.infer<typeof AlertRecord>;

/** Sample events are raw events (addresses, user names): shown only where the caller may hunt. */
export function alertRecord(a: StoredAlert, withSamples: boolean): AlertRecord {
  return {
    ...a,
    technique: { ...a.technique },
    evidence: { counts: { ...a.evidence.counts }, sampleEvents: withSamples ? a.evidence.sampleEvents.map(toEcs) : [] },
    related: { ip: [...a.related.ip], hosts: [...a.related.hosts], users: [...a.related.users] },
    fields: { ...a.fields },
  };
}

export const AlertListQuery = z.object({
  tenant: TenantId.optional().describe('Narrow to one tenant you can see'),
  status: AlertStatusEnum.optional(),
  severity: SeverityEnum.optional(),
  detector: z.string().max(64).optional(),
  from: Instant.optional().describe('Alerts last seen at or after this'),
  to: Instant.optional().describe('Alerts first seen before this'),
  q: z.string().max(200).optional().describe('Substring of the entity, a related IP or host'),
  sort: z.enum(['lastSeen', 'score', 'severity']).default('lastSeen').describe('Always descending'),
  limit: IntParam(1, 1000).default(100),
  offset: IntParam(0, 1_000_000).default(0),
});

export const AlertParams = z.object({ id: AlertId });

export const StatusChange = z.strictObject({
  ids: z.array(AlertId).min(1).max(1000),
  status: AlertStatusEnum,
});

export const SeverityCountsRecord = z.object({
  tenant: z.string(),
  counts: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int()])) as Record<Severity, z.ZodNumber>),
  total: z.number().int(),
});

export const SuppressionRecord = z.object({
  id: z.string(),
  tenant: z.string().describe('Tenant id, or `*` for every tenant'),
  detector: z.string().nullable().describe('Only this detector; every detector when null'),
  entity: z.string(),
  reason: z.string(),
  owner: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
});

export function suppressionRecord(s: Suppression): z.infer<typeof SuppressionRecord> {
  return { ...s };
}

/** An IP, a CIDR, a host name or an alert's exact entity: one token, no spaces. */
const SuppressedEntity = z.string().regex(/^\S{1,255}$/, 'an IP, CIDR or host name').describe('IP or CIDR (matches related addresses), else a host name or exact alert entity');
const Reason = z.string().trim().min(1).max(500);

export const CreateSuppression = z.strictObject({
  tenant: z.union([TenantId, z.literal('*')]).describe('Tenant id, or `*` (centre analysts) for every tenant'),
  detector: DetectorId.optional(),
  entity: SuppressedEntity,
  reason: Reason,
  expiresAt: z.union([z.number().int(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]).describe('Epoch ms or ISO 8601'),
});

export const SuppressAlert = z.strictObject({
  reason: Reason,
  durationHours: z.number().int().min(1).max(24 * 366),
});
