import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Severity, Technique } from './alert.ts';
import { batchTenant, register, type Detector } from './detector.ts';
import { Samples, clampScore, span } from './evidence.ts';
import { directionOf } from './net.ts';
import { ascending, DAY, duration, int, severity } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { hashInt, hashString } from './sketch/hash.ts';
import { WindowDistinct } from './window.ts';

/**
 * Port scans: one source touching many hosts on one port (horizontal) or many ports on one host
 * (vertical). Two tumbling windows, each read as the union of the current and previous epoch so a
 * scan straddling a boundary still counts: a short one for fast scans and a long one for slow
 * scans spread over hours, where distinct counts go into sketches (exact while small).
 *
 * Only failed attempts count (denied by a firewall, or no reply bytes/packets), as in Zeek's scan
 * policy: successful connections are use, not probing, and counting them would make every busy
 * browser a "scanner".
 *
 * Internal sources are recon after a foothold (T1046); external sources are internet scanning
 * (T1595), common enough that their thresholds are higher and their severity lower. Internal
 * sources that already fanned out during the learning period (inventory, monitoring,
 * vulnerability scanners) are taken as known and not reported.
 */

const thresholds = z
  .object({
    /** Distinct hosts on one port within the short / long window. */
    horizontalShort: int(2, 100_000),
    horizontalLong: int(2, 1_000_000),
    /** Distinct ports on one host within the short / long window. */
    verticalShort: int(2, 65_536),
    verticalLong: int(2, 65_536),
    severity,
  })
  .strict()
  .superRefine(ascending(['horizontalShort', 'horizontalLong']))
  .superRefine(ascending(['verticalShort', 'verticalLong']));

const configSchema = z
  .object({
    enabled: z.boolean(),
    shortWindowMs: duration(10_000, 6 * 3_600_000),
    longWindowMs: duration(60_000, 7 * DAY),
    internal: thresholds,
    external: thresholds,
    /** Internal sources that reach a threshold this soon after state starts are taken as known scanners. */
    learningMs: duration(0, 30 * DAY),
    /** How long a known scanner stays known without being seen. */
    knownTtlMs: duration(3_600_000, 365 * DAY),
    maxKeys: int(100, 50_000_000),
    /** Values counted exactly before switching to a HyperLogLog of this precision. */
    exactLimit: int(1, 1024),
    sketchPrecision: int(4, 16),
  })
  .strict()
  .superRefine(ascending(['shortWindowMs', 'longWindowMs']));

export type PortScanConfig = z.infer<typeof configSchema>;

interface ScanKey {
  readonly kind: 'horizontal' | 'vertical';
  readonly src: string;
  readonly internal: boolean;
  /** The port (horizontal) or host (vertical) held fixed. */
  readonly fixed: string;
  readonly short: WindowDistinct;
  readonly long: WindowDistinct;
  first: number;
  last: number;
  /** Failed attempts (denied or unanswered): the only ones counted. */
  attempts: number;
  reported: number;
  /** From the second attempt on: most keys never get one, and a sample would pin its event in memory. */
  samples: Samples | undefined;
}

interface State {
  readonly cfg: PortScanConfig;
  readonly keys: BoundedMap<string, ScanKey>;
  readonly known: BoundedMap<string, true>;
  tenant: string;
  startedAt: number | undefined;
}

const T1046: Technique = { id: 'T1046', name: 'Network Service Discovery' };
const T1595_001: Technique = { id: 'T1595.001', name: 'Active Scanning: Scanning IP Blocks' };
const T1595: Technique = { id: 'T1595', name: 'Active Scanning' };

export const portScan: Detector<PortScanConfig, State> = {
  id: 'port-scan',
  title: 'Port scan',
  technique: T1046,
  configSchema,
  createState(cfg) {
    return {
      cfg,
      keys: new BoundedMap(cfg.maxKeys, cfg.longWindowMs * 2),
      known: new BoundedMap(Math.max(100, Math.floor(cfg.maxKeys / 100)), cfg.knownTtlMs),
      tenant: '',
      startedAt: undefined,
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const out: Finding[] = [];
    for (const e of events) {
      const src = e['source.ip'];
      const dst = e['destination.ip'];
      const port = e['destination.port'];
      if (src === undefined || dst === undefined || port === undefined) continue;
      // Name lookups and IDS alerts are not connection attempts.
      if (e['dns.question.name'] !== undefined || e['event.kind'] === 'alert') continue;
      const dir = directionOf(e);
      if (dir === undefined || dir === 'external') continue;
      const internal = dir === 'internal' || dir === 'outbound';
      const ts = e['@timestamp'];
      state.startedAt ??= ts;
      // Like Zeek's scan policy, only failed attempts count: a host that answered was not probed
      // blind. Records that say nothing about the reply (no bytes, no packets) do not count either.
      if (!(e['event.action'] === 'denied' || e['destination.bytes'] === 0 || e['destination.packets'] === 0 || e['event.outcome'] === 'failure')) continue;
      track(state, 'horizontal', src, internal, String(port), hashString(dst), e, ts, out, now);
      track(state, 'vertical', src, internal, dst, hashInt(port), e, ts, out, now);
    }
    return out;
  },
  evict(state, now) {
    state.keys.evict(now);
    state.known.evict(now);
  },
};

function track(
  state: State,
  kind: ScanKey['kind'],
  src: string,
  internal: boolean,
  fixed: string,
  valueHash: number,
  e: VaernEvent,
  ts: number,
  out: Finding[],
  now: number,
): void {
  const { cfg } = state;
  const mapKey = `${kind === 'horizontal' ? 'h' : 'v'}|${src}|${fixed}`;
  const k = state.keys.upsert(mapKey, ts, () => ({
    kind,
    src,
    internal,
    fixed,
    short: new WindowDistinct(cfg.shortWindowMs, ts, cfg.exactLimit, cfg.sketchPrecision),
    long: new WindowDistinct(cfg.longWindowMs, ts, cfg.exactLimit, cfg.sketchPrecision),
    first: ts,
    last: ts,
    attempts: 0,
    reported: 0,
    samples: undefined,
  }));
  const shortCount = k.short.add(ts, valueHash);
  const longCount = k.long.add(ts, valueHash);
  k.last = Math.max(k.last, ts);
  k.attempts++;
  if (k.attempts > 1) (k.samples ??= new Samples()).add(e);

  const t = internal ? cfg.internal : cfg.external;
  const [shortMin, longMin] = kind === 'horizontal' ? [t.horizontalShort, t.horizontalLong] : [t.verticalShort, t.verticalLong];
  const count = Math.max(shortCount, longCount);
  const hit = shortCount >= shortMin || longCount >= longMin;
  // Report on crossing, then again only when the count has doubled: the alert is updated, not spammed.
  if (!hit || count < k.reported * 2) return;
  const knownKey = kind === 'horizontal' ? mapKey : `v|${src}`;
  if (internal && state.known.get(knownKey, ts) !== undefined) return;
  if (internal && state.startedAt !== undefined && ts < state.startedAt + cfg.learningMs) {
    state.known.upsert(knownKey, ts, () => true);
    return;
  }
  k.reported = count;
  out.push(finding(state, k, count, shortCount >= shortMin ? shortMin : longMin, t.severity, now));
}

function finding(state: State, k: ScanKey, count: number, threshold: number, sev: Severity, now: number): Finding {
  const horizontal = k.kind === 'horizontal';
  const technique = k.internal ? T1046 : horizontal ? T1595_001 : T1595;
  const where = k.internal ? 'internal host' : 'external host';
  const what = horizontal ? `${count} distinct hosts on port ${k.fixed}` : `${count} distinct ports on ${k.fixed}`;
  const ratio = count / threshold;
  return {
    detector: portScan.id,
    tenant: state.tenant,
    entity: k.src,
    severity: sev,
    score: clampScore((k.internal ? 55 : 30) + 15 * Math.log2(ratio)),
    technique,
    title: `${horizontal ? 'Horizontal' : 'Vertical'} port scan from ${k.src}`,
    explanation:
      `The ${where} ${k.src} contacted ${what} ${span(k.first, k.last)}, ` +
      `over the threshold of ${threshold}, in ${k.attempts} failed (denied or unanswered) attempts.`,
    evidence: { counts: { distinct: count, threshold, failedAttempts: k.attempts }, sampleEvents: [...(k.samples?.events ?? [])] },
    related: { ip: horizontal ? [k.src] : [k.src, k.fixed], hosts: [], users: [] },
    firstSeen: k.first,
    lastSeen: k.last,
    timestamp: now,
    fields: horizontal
      ? { 'source.ip': k.src, 'destination.port': Number(k.fixed), 'vaern.scan.type': 'horizontal' }
      : { 'source.ip': k.src, 'destination.ip': k.fixed, 'vaern.scan.type': 'vertical' },
  };
}

export default register(portScan);
