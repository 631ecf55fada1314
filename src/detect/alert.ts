import { createHash } from 'node:crypto';
import { setPath, toEcs, type EcsObject, type EcsValue, type VaernEvent } from '../model/event.ts';

/**
 * What detectors emit (`Finding`) and what the platform stores and shows (`Alert`).
 *
 * A detector only says "this happened, to this entity, this badly, because of this evidence"
 * (Zeek's notice with an identifier). Deduplication (./dedup.ts) folds findings about the same
 * detector, tenant and entity into one `Alert`; what happens next is the SOC's policy.
 */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** A MITRE ATT&CK technique (or sub-technique), e.g. `{ id: 'T1110.003', name: 'Password Spraying' }`. */
export interface Technique {
  readonly id: string;
  readonly name: string;
}

export interface Evidence {
  /** Named counts behind the finding: `failures`, `distinctHosts`, `bytes`, ... */
  readonly counts: Readonly<Record<string, number>>;
  /** A few of the events that triggered it (bounded by the detector, see MAX_SAMPLES). */
  readonly sampleEvents: readonly VaernEvent[];
}

/** Sample events kept per finding and per alert: enough to pivot into a hunt, small enough to store. */
export const MAX_SAMPLES = 5;

export interface Related {
  readonly ip: readonly string[];
  readonly hosts: readonly string[];
  readonly users: readonly string[];
}

export interface Finding {
  readonly detector: string;
  readonly tenant: string;
  /** The deduplication identifier: what the finding is about (`10.0.0.5`, `RU`, `10.0.0.5>203.0.113.9`). */
  readonly entity: string;
  readonly severity: Severity;
  /** 0-100, comparable across detectors; maps to ECS `event.risk_score`. */
  readonly score: number;
  readonly technique: Technique;
  readonly title: string;
  /** Plain-language explanation built from the evidence (counts, time span, samples). */
  readonly explanation: string;
  readonly evidence: Evidence;
  readonly related: Related;
  /** Event time of the first and last event behind the finding, epoch ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Event time at which the detector raised it (the `now` it was handed). */
  readonly timestamp: number;
  /** Detector-specific ECS fields copied to the alert output (`destination.port`, `dns.question.name`, ...). */
  readonly fields?: Readonly<Record<string, string | number | string[]>>;
}

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export interface Alert {
  readonly id: string;
  readonly detector: string;
  readonly tenant: string;
  readonly entity: string;
  readonly status: AlertStatus;
  readonly severity: Severity;
  readonly score: number;
  readonly technique: Technique;
  readonly title: string;
  readonly explanation: string;
  /** Counts of the latest finding, samples merged over all findings (bounded). */
  readonly evidence: Evidence;
  readonly related: Related;
  /** How many findings were folded into this alert. */
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Event time of the first and latest finding. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly fields: Readonly<Record<string, string | number | string[]>>;
}

export interface AlertUpdate {
  readonly kind: 'created' | 'updated';
  readonly alert: Alert;
}

/** Stable id: the same first finding always yields the same alert id (replays are idempotent). */
export function alertId(detector: string, tenant: string, entity: string, firstSeen: number): string {
  const digest = createHash('sha256').update(`${detector}\u0000${tenant}\u0000${entity}\u0000${firstSeen}`).digest('hex');
  return `${detector}-${digest.slice(0, 16)}`;
}

/**
 * The outside form of an alert: nested ECS JSON, as `vaern detect` prints it and the API returns
 * it. Detector fields come first so the alert's own fields win on a clash.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function alertToEcs(alert: Alert): JsonObject {
  const flat: Record<string, EcsValue> = { ...alert.fields };
  Object.assign(flat, {
    '@timestamp': iso(alert.updatedAt),
    message: alert.explanation,
    'event.kind': 'alert',
    'event.start': iso(alert.firstSeen),
    'event.end': iso(alert.lastSeen),
    'event.risk_score': alert.score,
    'event.severity': severityRank(alert.severity),
    'rule.name': alert.title,
    'threat.framework': 'MITRE ATT&CK',
    'threat.technique.id': alert.technique.id,
    'threat.technique.name': alert.technique.name,
    'related.ip': [...alert.related.ip],
    'related.hosts': [...alert.related.hosts],
    'related.user': [...alert.related.users],
    'vaern.tenant': alert.tenant,
    'vaern.detector': alert.detector,
    'vaern.severity': alert.severity,
    'vaern.entity': alert.entity,
    'vaern.alert.id': alert.id,
    'vaern.alert.status': alert.status,
    'vaern.alert.count': alert.count,
    'vaern.alert.created': iso(alert.createdAt),
  } satisfies Record<string, EcsValue>);
  for (const [k, v] of Object.entries(alert.evidence.counts)) flat[`vaern.evidence.${k}`] = v;
  const out: JsonObject = unflatten(flat);
  const vaern = out['vaern'] as JsonObject;
  const evidence = (vaern['evidence'] ??= {}) as JsonObject;
  // Sample events in their own ECS form, so an analyst can pivot on any field of them.
  evidence['samples'] = alert.evidence.sampleEvents.map((e) => toEcs(e));
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function unflatten(flat: Record<string, EcsValue>): EcsObject {
  const out: EcsObject = {};
  for (const [key, value] of Object.entries(flat)) {
    if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    setPath(out, key === '@timestamp' ? [key] : key.split('.'), value);
  }
  return out;
}
