import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Severity, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { clampScore } from './evidence.ts';
import { directionOf } from './net.ts';
import { duration, int, severity } from './schema.ts';
import { Throttle } from './throttle.ts';

/**
 * Threat-intelligence hits: events the enricher matched against an indicator
 * (`threat.indicator.matched.atomic` / `.field`, `threat.indicator.provider`,
 * `threat.indicator.confidence`). One finding per indicator and internal host, throttled.
 *
 * Severity follows the indicator's confidence (ECS: High / Medium / Low / None). Allowed
 * traffic to or from an indicator matters more than blocked traffic: denied inbound hits are what
 * the block list is for and are not reported unless `reportDeniedInbound` (breach-attempts counts
 * them instead).
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    severityByConfidence: z.object({ high: severity, medium: severity, low: severity, none: severity }).strict(),
    /** Severity of allowed outbound traffic to an indicator is raised to at least this. */
    outboundAllowedMin: severity,
    reportDeniedInbound: z.boolean(),
    reportEveryMs: duration(1000, 86_400_000),
    maxKeys: int(100, 10_000_000),
  })
  .strict();

export type IntelHitConfig = z.infer<typeof configSchema>;

interface State {
  readonly cfg: IntelHitConfig;
  readonly throttle: Throttle;
  tenant: string;
}

const T1071: Technique = { id: 'T1071', name: 'Application Layer Protocol' };
const T1595: Technique = { id: 'T1595', name: 'Active Scanning' };
const RANK: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export const intelHit: Detector<IntelHitConfig, State> = {
  id: 'intel-hit',
  title: 'Threat intelligence match',
  technique: T1071,
  configSchema,
  route: { all: TRAIT.intel },
  createState(cfg) {
    return { cfg, throttle: new Throttle(cfg.maxKeys, cfg.reportEveryMs), tenant: '' };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const out: Finding[] = [];
    for (const e of events) {
      const atomic = e['threat.indicator.matched.atomic'];
      if (atomic === undefined) continue;
      const dir = directionOf(e);
      const denied = e['event.action'] === 'denied';
      if (dir === 'inbound' && denied && !state.cfg.reportDeniedInbound) continue;
      const internal = dir === 'inbound' ? e['destination.ip'] : e['source.ip'];
      const entity = `${internal ?? '-'}|${atomic}`;
      const hit = state.throttle.hit(entity, e['@timestamp']);
      if (hit === undefined) continue;
      out.push(finding(state, e, entity, internal, atomic, dir, denied, hit, now));
    }
    return out;
  },
  evict(state, now) {
    state.throttle.evict(now);
  },
};

function finding(
  state: State,
  e: VaernEvent,
  entity: string,
  internal: string | undefined,
  atomic: string,
  dir: ReturnType<typeof directionOf>,
  denied: boolean,
  hit: { count: number; first: number },
  now: number,
): Finding {
  const { cfg } = state;
  const confidence = (e['threat.indicator.confidence'] ?? 'none').toLowerCase();
  let sev: Severity = cfg.severityByConfidence[confidence as keyof IntelHitConfig['severityByConfidence']] ?? cfg.severityByConfidence.none;
  if (dir === 'outbound' && !denied && RANK.indexOf(sev) < RANK.indexOf(cfg.outboundAllowedMin)) sev = cfg.outboundAllowedMin;
  const provider = e['threat.indicator.provider'] ?? 'an intelligence feed';
  const field = e['threat.indicator.matched.field'] ?? 'an event field';
  const ts = e['@timestamp'];
  const verb = denied ? 'blocked' : 'allowed';
  return {
    detector: intelHit.id,
    tenant: state.tenant,
    entity,
    severity: sev,
    score: clampScore(RANK.indexOf(sev) * 20 + 10 + Math.min(10, Math.log2(hit.count) * 2)),
    technique: dir === 'inbound' ? T1595 : T1071,
    title: `Traffic ${dir === 'inbound' ? 'from' : 'to'} listed indicator ${atomic}${internal !== undefined ? ` (${internal})` : ''}`,
    explanation:
      `${field} matched ${atomic} from ${provider} (confidence ${confidence}); ${hit.count} ${verb} event(s) ` +
      `${dir ?? 'of unknown direction'} since ${new Date(hit.first).toISOString()}, latest at ${new Date(ts).toISOString()}.`,
    evidence: { counts: { hits: hit.count }, sampleEvents: [e] },
    related: { ip: [internal, e['source.ip'], e['destination.ip']].filter((x, i, a): x is string => x !== undefined && a.indexOf(x) === i), hosts: [], users: [] },
    firstSeen: hit.first,
    lastSeen: ts,
    timestamp: now,
    fields: {
      'threat.indicator.matched.atomic': atomic,
      'threat.indicator.matched.field': field,
      'threat.indicator.provider': provider,
      ...(internal !== undefined ? { 'host.ip': internal } : {}),
    },
  };
}

export default register(intelHit);
