import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { MAX_SAMPLES, alertId, maxSeverity, type Alert, type AlertUpdate, type Finding, type Related } from './alert.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { DAY, duration, int } from './schema.ts';

/**
 * Deduplication and suppression: turns findings into alert updates.
 *
 * Findings from the same detector about the same tenant and entity fold into one alert while
 * they keep coming within `windowMs` of its last activity: count grows, first/last seen widen,
 * severity and score keep their maximum, samples and related entities merge up to a bound.
 * Suppression rules are the site's word that a known pattern is benign (the backup server that
 * fans out over SMB every night): matching findings make no alert, and each rule has an owner, a
 * reason and an expiry so nothing is silenced forever by accident.
 */

export const dedupConfigSchema = z
  .object({
    /** Findings this close to an alert's last activity update it instead of opening a new one. */
    windowMs: duration(60_000, 30 * DAY),
    /** Alerts remembered for deduplication; the least recently updated are forgotten first. */
    maxActiveAlerts: int(100, 10_000_000),
    /** Related IPs/hosts/users kept per alert. */
    maxRelated: int(1, 1000),
  })
  .strict();
export type DedupConfig = z.infer<typeof dedupConfigSchema>;

const ipOrCidr = z.string().refine((s) => ipaddr.isValid(s) || isCidr(s), 'an IP address or CIDR');

export const suppressionRuleSchema = z
  .object({
    id: z.string().min(1).optional(),
    /** Only this detector; all detectors when absent. */
    detector: z.string().min(1).optional(),
    /** The tenant, or `*` for every tenant (centre-wide rules). */
    tenant: z.string().min(1),
    match: z
      .object({
        /** IP or CIDR matched against the finding's related IPs. */
        ip: ipOrCidr.optional(),
        /** Host name matched against related hosts. */
        host: z.string().min(1).optional(),
        /** Exact entity (the dedup identifier). */
        entity: z.string().min(1).optional(),
      })
      .strict()
      .refine((m) => m.ip !== undefined || m.host !== undefined || m.entity !== undefined, 'match needs ip, host or entity'),
    reason: z.string().min(1),
    owner: z.string().min(1),
    /** Epoch ms or ISO 8601. */
    expiresAt: z.union([z.number(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]),
  })
  .strict();
export type SuppressionRule = z.infer<typeof suppressionRuleSchema>;

export interface Deduplicator {
  /** Fold findings (in event-time order) into alerts; one update per touched alert. */
  apply(findings: readonly Finding[], now: number): AlertUpdate[];
  /** Forget alerts idle for longer than the window. */
  evict(now: number): void;
  /** Preload active alerts (from an AlertRepo at start, or analyst status changes). */
  seed(alerts: readonly Alert[]): void;
  setSuppressions(rules: readonly SuppressionRule[]): void;
  /** Findings suppressed so far, by rule id (or index when the rule has none). */
  readonly suppressed: ReadonlyMap<string, number>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function createDeduplicator(config: DedupConfig, rules: readonly SuppressionRule[] = []): Deduplicator {
  const active = new BoundedMap<string, Mutable<Alert>>(config.maxActiveAlerts, config.windowMs);
  const suppressed = new Map<string, number>();
  let compiled = compileRules(rules);

  const keyOf = (a: { detector: string; tenant: string; entity: string }): string => `${a.detector}\u0000${a.tenant}\u0000${a.entity}`;

  return {
    suppressed,
    apply(findings, now) {
      const touched = new Map<string, AlertUpdate['kind']>();
      const touchedAlerts = new Map<string, Mutable<Alert>>();
      for (const f of findings) {
        const rule = compiled.find((r) => r.matches(f, now));
        if (rule !== undefined) {
          suppressed.set(rule.id, (suppressed.get(rule.id) ?? 0) + 1);
          continue;
        }
        const key = keyOf(f);
        const existing = active.get(key, f.timestamp);
        if (existing !== undefined && existing.status !== 'closed' && f.firstSeen <= existing.lastSeen + config.windowMs) {
          merge(existing, f, config.maxRelated);
          if (!touched.has(existing.id)) touched.set(existing.id, 'updated');
          touchedAlerts.set(existing.id, existing);
        } else {
          if (existing !== undefined) active.delete(key);
          const alert = create(f);
          active.upsert(key, f.timestamp, () => alert);
          touched.set(alert.id, 'created');
          touchedAlerts.set(alert.id, alert);
        }
      }
      return [...touchedAlerts.values()].map((a) => ({ kind: touched.get(a.id)!, alert: freeze(a) }));
    },
    evict(now) {
      active.evict(now);
    },
    seed(alerts) {
      for (const a of alerts) {
        const key = keyOf(a);
        if (a.status === 'closed') active.delete(key);
        else {
          const copy: Mutable<Alert> = { ...a };
          active.delete(key);
          active.upsert(key, a.updatedAt, () => copy);
        }
      }
    },
    setSuppressions(next) {
      compiled = compileRules(next);
    },
  };
}

function create(f: Finding): Mutable<Alert> {
  return {
    id: alertId(f.detector, f.tenant, f.entity, f.firstSeen),
    detector: f.detector,
    tenant: f.tenant,
    entity: f.entity,
    status: 'open',
    severity: f.severity,
    score: f.score,
    technique: f.technique,
    title: f.title,
    explanation: f.explanation,
    evidence: { counts: { ...f.evidence.counts }, sampleEvents: f.evidence.sampleEvents.slice(0, MAX_SAMPLES) },
    related: f.related,
    count: 1,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    createdAt: f.timestamp,
    updatedAt: f.timestamp,
    fields: { ...f.fields },
  };
}

function merge(a: Mutable<Alert>, f: Finding, maxRelated: number): void {
  a.count++;
  a.firstSeen = Math.min(a.firstSeen, f.firstSeen);
  a.lastSeen = Math.max(a.lastSeen, f.lastSeen);
  a.updatedAt = Math.max(a.updatedAt, f.timestamp);
  // The explanation follows the most serious finding so far; ties take the latest (freshest counts).
  if (f.score >= a.score) {
    a.title = f.title;
    a.explanation = f.explanation;
    a.technique = f.technique;
    a.fields = { ...a.fields, ...f.fields };
  }
  a.severity = maxSeverity(a.severity, f.severity);
  a.score = Math.max(a.score, f.score);
  const samples = [...a.evidence.sampleEvents];
  for (const e of f.evidence.sampleEvents) if (samples.length < MAX_SAMPLES && !samples.includes(e)) samples.push(e);
  a.evidence = { counts: { ...a.evidence.counts, ...f.evidence.counts }, sampleEvents: samples };
  a.related = mergeRelated(a.related, f.related, maxRelated);
}

function mergeRelated(a: Related, b: Related, cap: number): Related {
  const m = (x: readonly string[], y: readonly string[]): string[] => [...new Set([...x, ...y])].slice(0, cap);
  return { ip: m(a.ip, b.ip), hosts: m(a.hosts, b.hosts), users: m(a.users, b.users) };
}

function freeze(a: Mutable<Alert>): Alert {
  return { ...a };
}

interface CompiledRule {
  readonly id: string;
  matches(f: Finding, now: number): boolean;
}

function compileRules(rules: readonly SuppressionRule[]): CompiledRule[] {
  return rules.map((r, i) => {
    const cidr = r.match.ip === undefined ? undefined : toCidr(r.match.ip);
    return {
      id: r.id ?? `rule-${i}`,
      matches(f, now) {
        if (now >= r.expiresAt) return false;
        if (r.tenant !== '*' && r.tenant !== f.tenant) return false;
        if (r.detector !== undefined && r.detector !== f.detector) return false;
        if (r.match.entity !== undefined && r.match.entity !== f.entity) return false;
        if (r.match.host !== undefined && !f.related.hosts.includes(r.match.host) && f.entity !== r.match.host) return false;
        if (cidr !== undefined && !f.related.ip.some((ip) => inCidr(ip, cidr))) return false;
        return true;
      },
    };
  });
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

function isCidr(s: string): boolean {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

function toCidr(s: string): Cidr {
  if (s.includes('/')) return ipaddr.parseCIDR(s);
  const addr = ipaddr.parse(s);
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

function inCidr(ip: string, cidr: Cidr): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && cidr[0].kind() === 'ipv4' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr.kind() === cidr[0].kind() && addr.match(cidr);
}
