import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Severity, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { clampScore } from './evidence.ts';
import { directionOf } from './net.ts';
import { duration, int, severity } from './schema.ts';
import { Throttle } from './throttle.ts';

/**
 * Suricata (or any IDS) alerts carried in as events. The contract with the Suricata EVE decoder:
 *
 * | EVE                        | event field                      |
 * |----------------------------|----------------------------------|
 * | `event_type: "alert"`      | `event.kind: 'alert'`            |
 * | `alert.signature_id`       | `rule.id` (string)               |
 * | `alert.signature`          | `rule.name`                      |
 * | `alert.category`           | `rule.ruleset` (optional)        |
 * | `alert.severity` 1..3      | `event.severity` (1 = most severe, as Suricata counts) |
 * | `alert.action` allowed/blocked | `event.action` `allowed` / `denied` |
 * | `src_ip`/`dest_ip`/ports   | `source.*` / `destination.*`     |
 *
 * Severity is mapped by table (data); one finding per signature and internal host, throttled.
 * ATT&CK technique: per-signature table when given, else inbound -> T1190, outbound -> T1071.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    /** Suricata severity (1 most severe) -> Vaern severity; unknown values take `default`. */
    severityMap: z.object({ '1': severity, '2': severity, '3': severity, default: severity }).strict(),
    /** Blocked alerts are lowered to at most this severity (the IPS already acted). */
    blockedMax: severity,
    /** Signature ids never reported (tuning, as Suricata's threshold.config would). */
    ignoreRules: z.array(z.string().min(1)),
    /** Signature id -> ATT&CK technique, when a rule's metadata names one. */
    techniques: z.record(z.string(), z.object({ id: z.string().regex(/^T\d{4}(\.\d{3})?$/), name: z.string().min(1) }).strict()),
    reportEveryMs: duration(1000, 86_400_000),
    maxKeys: int(100, 10_000_000),
  })
  .strict();

export type SuricataAlertConfig = z.infer<typeof configSchema>;

interface State {
  readonly cfg: SuricataAlertConfig;
  readonly ignore: ReadonlySet<string>;
  readonly throttle: Throttle;
  tenant: string;
}

const T1190: Technique = { id: 'T1190', name: 'Exploit Public-Facing Application' };
const T1071: Technique = { id: 'T1071', name: 'Application Layer Protocol' };
const RANK: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export const suricataAlert: Detector<SuricataAlertConfig, State> = {
  id: 'suricata-alert',
  title: 'IDS alert',
  technique: T1190,
  configSchema,
  route: { all: TRAIT.alert },
  createState(cfg) {
    return { cfg, ignore: new Set(cfg.ignoreRules), throttle: new Throttle(cfg.maxKeys, cfg.reportEveryMs), tenant: '' };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const out: Finding[] = [];
    for (const e of events) {
      if (e['event.kind'] !== 'alert') continue;
      const rule = e['rule.id'];
      if (rule === undefined || state.ignore.has(rule)) continue;
      const dir = directionOf(e);
      const internal = dir === 'inbound' ? e['destination.ip'] : e['source.ip'];
      const entity = `${rule}|${internal ?? '-'}`;
      const hit = state.throttle.hit(entity, e['@timestamp']);
      if (hit !== undefined) out.push(finding(state, e, entity, rule, internal, dir, hit, now));
    }
    return out;
  },
  evict(state, now) {
    state.throttle.evict(now);
  },
};

/** Vaern severity of a Suricata alert. Pure, exported for table tests. */
export function mapSeverity(cfg: Pick<SuricataAlertConfig, 'severityMap' | 'blockedMax'>, suricataSeverity: number | undefined, blocked: boolean): Severity {
  const key = String(suricataSeverity) as keyof SuricataAlertConfig['severityMap'];
  const sev = suricataSeverity !== undefined && key in cfg.severityMap && key !== 'default' ? cfg.severityMap[key] : cfg.severityMap.default;
  return blocked && RANK.indexOf(sev) > RANK.indexOf(cfg.blockedMax) ? cfg.blockedMax : sev;
}

function finding(
  state: State,
  e: VaernEvent,
  entity: string,
  rule: string,
  internal: string | undefined,
  dir: ReturnType<typeof directionOf>,
  hit: { count: number; first: number },
  now: number,
): Finding {
  const blocked = e['event.action'] === 'denied';
  const sev = mapSeverity(state.cfg, e['event.severity'], blocked);
  const name = e['rule.name'] ?? `signature ${rule}`;
  const src = e['source.ip'];
  const dst = e['destination.ip'];
  return {
    detector: suricataAlert.id,
    tenant: state.tenant,
    entity,
    severity: sev,
    score: clampScore(RANK.indexOf(sev) * 20 + 5 + Math.min(15, Math.log2(hit.count) * 3)),
    technique: state.cfg.techniques[rule] ?? (dir === 'outbound' ? T1071 : T1190),
    title: name,
    explanation:
      `IDS signature ${rule} "${name}"${e['rule.ruleset'] !== undefined ? ` (${e['rule.ruleset']})` : ''} fired ${hit.count} time(s) ` +
      `for ${src ?? '?'} -> ${dst ?? '?'}:${e['destination.port'] ?? '?'} since ${new Date(hit.first).toISOString()}; ` +
      `Suricata severity ${e['event.severity'] ?? '?'}${blocked ? ', blocked' : ''}.`,
    evidence: { counts: { hits: hit.count }, sampleEvents: [e] },
    related: { ip: [src, dst].filter((x): x is string => x !== undefined), hosts: [], users: [] },
    firstSeen: hit.first,
    lastSeen: e['@timestamp'],
    timestamp: now,
    fields: { 'rule.id': rule, 'rule.name': name, ...(src !== undefined ? { 'source.ip': src } : {}), ...(dst !== undefined ? { 'destination.ip': dst } : {}) },
  };
}

export default register(suricataAlert);
