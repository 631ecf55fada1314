import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Severity, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { CappedSet, Samples, TopCounts, clampScore, span } from './evidence.ts';
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
 *
 * An external horizontal scan is a sweep of one port across the tenant's addresses: research
 * projects, search engines and botnets sweep the whole internet so, every day, and a firewall
 * that denies them has done its job. With `externalSweeps: summary` they fold into one alert per
 * tenant per UTC day (entity `internet-sweeps <date>`) listing the sources, at
 * `externalSweepSeverity`, instead of one alert per source: a small team does not face dozens of
 * alerts a day for background noise, and the day's picture is still one click away. Vertical
 * external scans (many ports of one of our hosts) are aimed at us and stay one alert per source.
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
    /** External horizontal scans: `summary` (one alert per tenant per day) or `per-source`. */
    externalSweeps: z.enum(['summary', 'per-source']),
    externalSweepSeverity: severity,
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
  readonly fixed: number | string;
  /** The first attempt's value: the windows are only built at the second attempt (most keys never get one). */
  readonly firstHash: number;
  short: WindowDistinct | undefined;
  long: WindowDistinct | undefined;
  first: number;
  /** Latest attempt: also the key's last use, for the TTL. */
  last: number;
  /** Failed attempts (denied or unanswered): the only ones counted. */
  attempts: number;
  reported: number;
  /** From the second attempt on: most keys never get one, and a sample would pin its event in memory. */
  samples: Samples | undefined;
}

/**
 * The keys of one source, nested by what they hold fixed (port, host) rather than one map keyed
 * by "kind|src|fixed": a failed attempt then costs one lookup by the event's own source string
 * and two small-map lookups, with no key string built (this runs for most firewall events).
 */
interface Source {
  readonly horizontal: Map<number, ScanKey>;
  readonly vertical: Map<string, ScanKey>;
}

interface State {
  readonly cfg: PortScanConfig;
  readonly sources: BoundedMap<string, Source>;
  readonly known: BoundedMap<string, true>;
  /** Keys in all sources as of the last insert or sweep; capped at `cfg.maxKeys`. */
  keyCount: number;
  /** Event time of the next sweep of idle keys out of live sources. */
  nextSweep: number;
  tenant: string;
  startedAt: number | undefined;
  /** Today's external sweeps (summary mode): the UTC day, the sources and ports seen. */
  sweeps: Sweeps | undefined;
}

interface Sweeps {
  readonly day: string;
  readonly sources: CappedSet;
  readonly ports: TopCounts<number>;
  /** Sweeps past the named sources' cap (a source re-reported there counts again). */
  beyondCap: number;
  first: number;
  last: number;
}

/** Sources named in a day's sweep summary (the count goes on beyond). */
const SWEEP_SOURCES = 1000;

const T1046: Technique = { id: 'T1046', name: 'Network Service Discovery' };
const T1595_001: Technique = { id: 'T1595.001', name: 'Active Scanning: Scanning IP Blocks' };
const T1595: Technique = { id: 'T1595', name: 'Active Scanning' };

export const portScan: Detector<PortScanConfig, State> = {
  id: 'port-scan',
  title: 'Port scan',
  technique: T1046,
  configSchema,
  route: { all: TRAIT.connection, any: TRAIT.inbound | TRAIT.outbound | TRAIT.internal, none: TRAIT.dns | TRAIT.alert },
  createState(cfg) {
    return {
      cfg,
      sources: new BoundedMap(cfg.maxKeys, keyTtl(cfg)),
      known: new BoundedMap(Math.max(100, Math.floor(cfg.maxKeys / 100)), cfg.knownTtlMs),
      keyCount: 0,
      nextSweep: 0,
      tenant: '',
      startedAt: undefined,
      sweeps: undefined,
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
      if (state.keyCount + 2 > state.cfg.maxKeys) makeRoom(state, ts);
      const source = state.sources.get(src, ts) ?? state.sources.upsert(src, ts, newSource);
      const h = source.horizontal.get(port);
      if (h === undefined) source.horizontal.set(port, newKey(state, 'horizontal', src, internal, port, hashString(dst), ts));
      else attempt(state, h, hashString(dst), e, ts, out, now);
      const v = source.vertical.get(dst);
      if (v === undefined) source.vertical.set(dst, newKey(state, 'vertical', src, internal, dst, hashInt(port), ts));
      else attempt(state, v, hashInt(port), e, ts, out, now);
    }
    return out;
  },
  evict(state, now) {
    state.sources.evict(now);
    state.known.evict(now);
    if (now >= state.nextSweep) sweep(state, now);
  },
};

function keyTtl(cfg: PortScanConfig): number {
  return cfg.longWindowMs * 2;
}

function newSource(): Source {
  return { horizontal: new Map(), vertical: new Map() };
}

/** A key at its first attempt: a count of one, under every threshold (they are at least 2). */
function newKey(state: State, kind: ScanKey['kind'], src: string, internal: boolean, fixed: number | string, firstHash: number, ts: number): ScanKey {
  state.keyCount++;
  return { kind, src, internal, fixed, firstHash, short: undefined, long: undefined, first: ts, last: ts, attempts: 1, reported: 0, samples: undefined };
}

/** Drop keys idle past the TTL from the sources still live, and recount (every TTL/8 of event time). */
function sweep(state: State, now: number): void {
  const cutoff = now - keyTtl(state.cfg);
  let n = 0;
  for (const [, source] of state.sources.entries()) {
    for (const [port, k] of source.horizontal) if (k.last < cutoff) source.horizontal.delete(port);
    for (const [dst, k] of source.vertical) if (k.last < cutoff) source.vertical.delete(dst);
    n += source.horizontal.size + source.vertical.size;
  }
  state.keyCount = n;
  state.nextSweep = now + keyTtl(state.cfg) / 8;
}

/** At the key cap: sweep, then drop the least recently seen sources until two keys fit. */
function makeRoom(state: State, now: number): void {
  sweep(state, now);
  while (state.keyCount + 2 > state.cfg.maxKeys && state.sources.size > 0) {
    state.sources.dropOldest();
    sweep(state, now);
  }
}

/** A further failed attempt on an existing key. */
function attempt(state: State, k: ScanKey, valueHash: number, e: VaernEvent, ts: number, out: Finding[], now: number): void {
  const { cfg } = state;
  if (k.short === undefined || k.long === undefined) {
    k.short = new WindowDistinct(cfg.shortWindowMs, k.first, cfg.exactLimit, cfg.sketchPrecision);
    k.long = new WindowDistinct(cfg.longWindowMs, k.first, cfg.exactLimit, cfg.sketchPrecision);
    k.short.add(k.first, k.firstHash);
    k.long.add(k.first, k.firstHash);
  }
  const shortCount = k.short.add(ts, valueHash);
  const longCount = k.long.add(ts, valueHash);
  k.last = Math.max(k.last, ts);
  k.attempts++;
  (k.samples ??= new Samples()).add(e);

  const t = k.internal ? cfg.internal : cfg.external;
  const horizontal = k.kind === 'horizontal';
  const shortMin = horizontal ? t.horizontalShort : t.verticalShort;
  const longMin = horizontal ? t.horizontalLong : t.verticalLong;
  const count = Math.max(shortCount, longCount);
  const hit = shortCount >= shortMin || longCount >= longMin;
  // Report on crossing, then again only when the count has doubled: the alert is updated, not spammed.
  if (!hit || count < k.reported * 2) return;
  const knownKey = horizontal ? `h|${k.src}|${k.fixed}` : `v|${k.src}`;
  if (k.internal && state.known.get(knownKey, ts) !== undefined) return;
  if (k.internal && state.startedAt !== undefined && ts < state.startedAt + cfg.learningMs) {
    state.known.upsert(knownKey, ts, () => true);
    return;
  }
  k.reported = count;
  const threshold = shortCount >= shortMin ? shortMin : longMin;
  if (!k.internal && horizontal && cfg.externalSweeps === 'summary') out.push(sweepFinding(state, k, ts, now));
  else out.push(finding(state, k, count, threshold, t.severity, now));
}

/** A sweep joins its day's summary; the summary is the finding (dedup folds a day's into one alert). */
function sweepFinding(state: State, k: ScanKey, ts: number, now: number): Finding {
  const day = new Date(ts).toISOString().slice(0, 10);
  let w = state.sweeps;
  if (w === undefined || w.day !== day) state.sweeps = w = { day, sources: new CappedSet(SWEEP_SOURCES), ports: new TopCounts(64), beyondCap: 0, first: k.first, last: ts };
  if (!w.sources.values.has(k.src)) {
    if (w.sources.values.size < SWEEP_SOURCES) w.sources.add(k.src);
    else w.beyondCap++;
    w.ports.add(Number(k.fixed));
  }
  w.first = Math.min(w.first, k.first);
  w.last = Math.max(w.last, ts);
  const sources = w.sources.values.size + w.beyondCap;
  const ports = w.ports.top(5).map(([p, n]) => `${p} (${n})`).join(', ');
  return {
    detector: portScan.id,
    tenant: state.tenant,
    entity: `internet-sweeps ${day}`,
    severity: state.cfg.externalSweepSeverity,
    score: clampScore(10 + 5 * Math.log2(sources)),
    technique: T1595_001,
    title: `Internet background scanning on ${day}: ${sources} source(s)`,
    explanation:
      `${sources} external source(s) swept the tenant's addresses on ${day} UTC, each over the horizontal threshold of ` +
      `${state.cfg.external.horizontalShort} hosts in ${state.cfg.shortWindowMs / 60_000} min or ${state.cfg.external.horizontalLong} in ` +
      `${state.cfg.longWindowMs / 3_600_000} h, every counted attempt denied or unanswered; by port: ${ports}. Internet-wide ` +
      `scanning, summarised once a day; the latest: ${k.src} on port ${k.fixed}.`,
    evidence: { counts: { sources, latestDistinct: k.reported, failedAttempts: k.attempts }, sampleEvents: [...(k.samples?.events ?? [])] },
    related: { ip: [k.src], hosts: [], users: [] },
    firstSeen: w.first,
    lastSeen: w.last,
    timestamp: now,
    fields: { 'source.ip': k.src, 'destination.port': Number(k.fixed), 'vaern.scan.type': 'horizontal' },
  };
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
    related: { ip: horizontal ? [k.src] : [k.src, String(k.fixed)], hosts: [], users: [] },
    firstSeen: k.first,
    lastSeen: k.last,
    timestamp: now,
    fields: horizontal
      ? { 'source.ip': k.src, 'destination.port': Number(k.fixed), 'vaern.scan.type': 'horizontal' }
      : { 'source.ip': k.src, 'destination.ip': String(k.fixed), 'vaern.scan.type': 'vertical' },
  };
}

export default register(portScan);
