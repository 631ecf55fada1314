import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { Samples, clampScore, fmtDuration, span } from './evidence.ts';
import { destinationName, directionOf } from './net.ts';
import { Prevalence } from './prevalence.ts';
import { DAY, HOUR, ascending, duration, int, num } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { bowleySkew, madm, quantile } from './stats.ts';

/**
 * Beaconing (command and control check-ins), scored the RITA way: for each internal host and
 * external destination, how regular are the gaps between connections, how constant are their
 * sizes, and how evenly do they cover the hours? Each part is a pure function in 0..1 (below,
 * exported for table tests); the weighted sum is multiplied down by prevalence, because a
 * destination that many internal hosts reach on a timer is an update server or NTP pool.
 *
 * Departure from RITA: dispersion is judged relative to the median (MADM / median) instead of in
 * absolute seconds and bytes, so a 30-minute beacon with 10% jitter scores like a 60-second one.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    /** History kept per pair and scored. */
    windowMs: duration(HOUR, 14 * DAY),
    evaluateEveryMs: duration(60_000, DAY),
    minConnections: int(3, 100_000),
    /** Connections closer than this are one check-in (a beacon often opens DNS + TLS together). */
    mergeWithinMs: duration(0, 60_000),
    maxTimestampsPerPair: int(10, 100_000),
    /** Interval MADM / median at which the dispersion score reaches 0. */
    intervalRelMadmMax: num(0.001, 10),
    /** Size MADM / median at which the size dispersion score reaches 0; sizes within sizeMadmFloor bytes count as equal. */
    sizeRelMadmMax: num(0.001, 10),
    sizeMadmFloor: int(0, 1_000_000),
    /** Connections at which the count part is full (RITA: 90 a day). */
    connectionsFull: int(1, 100_000),
    /** Span first..last at which the coverage part is full. */
    coverageFullMs: duration(60_000, 14 * DAY),
    weights: z.object({ timing: num(0, 1), size: num(0, 1), coverage: num(0, 1) }).strict(),
    /** Prevalence (share of internal hosts reaching the destination) where it starts / finishes cancelling the score. */
    prevalenceLow: num(0, 1),
    prevalenceHigh: num(0, 1),
    /** Prevalence is judged only once this many internal hosts are known. */
    prevalenceMinHosts: int(1, 1_000_000),
    medium: num(0, 1),
    high: num(0, 1),
    maxPairs: int(100, 10_000_000),
    maxDestinations: int(100, 10_000_000),
  })
  .strict()
  .superRefine(ascending(['prevalenceLow', 'prevalenceHigh']))
  .superRefine(ascending(['medium', 'high']))
  .superRefine((c, ctx) => {
    const sum = c.weights.timing + c.weights.size + c.weights.coverage;
    if (Math.abs(sum - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['weights'], message: `weights must sum to 1, got ${sum}` });
  });

export type BeaconingConfig = z.infer<typeof configSchema>;

interface Pair {
  readonly src: string;
  readonly dst: string;
  ts: number[];
  bytes: number[];
  samples: Samples;
  port: number | undefined;
}

interface State {
  readonly cfg: BeaconingConfig;
  readonly pairs: BoundedMap<string, Pair>;
  readonly prevalence: Prevalence;
  tenant: string;
  nextEvaluation: number | undefined;
}

const T1071: Technique = { id: 'T1071', name: 'Application Layer Protocol' };

export interface BeaconScore {
  timing: number;
  size: number;
  coverage: number;
  prevalence: number;
  total: number;
  medianIntervalMs: number;
}

/** Timing regularity 0..1: interval skew, relative MADM and connection count, averaged. */
export function timingScore(ts: readonly number[], cfg: Pick<BeaconingConfig, 'intervalRelMadmMax' | 'connectionsFull'>): number {
  return timingOfGaps(sortedGaps(ts), ts.length, cfg);
}

/** Gaps between consecutive timestamps, ascending. */
function sortedGaps(ts: readonly number[]): Float64Array {
  const gaps = new Float64Array(Math.max(0, ts.length - 1));
  for (let i = 1; i < ts.length; i++) gaps[i - 1] = ts[i]! - ts[i - 1]!;
  return gaps.sort();
}

function timingOfGaps(gaps: Float64Array, connections: number, cfg: Pick<BeaconingConfig, 'intervalRelMadmMax' | 'connectionsFull'>): number {
  if (connections < 3) return 0;
  const med = quantile(gaps, 0.5);
  if (!(med > 0)) return 0;
  const skew = 1 - Math.abs(bowleySkew(gaps));
  const disp = Math.max(0, 1 - madm(gaps) / med / cfg.intervalRelMadmMax);
  const count = Math.min(1, connections / cfg.connectionsFull);
  return (skew + disp + count) / 3;
}

/** Size consistency 0..1: skew and relative MADM of bytes per connection. */
export function sizeScore(bytes: readonly number[], cfg: Pick<BeaconingConfig, 'sizeRelMadmMax' | 'sizeMadmFloor'>): number {
  if (bytes.length < 3) return 0;
  const sorted = Float64Array.from(bytes).sort();
  const med = quantile(sorted, 0.5);
  const skew = 1 - Math.abs(bowleySkew(sorted));
  const d = madm(sorted);
  const disp = d <= cfg.sizeMadmFloor ? 1 : Math.max(0, 1 - d / Math.max(1, med) / cfg.sizeRelMadmMax);
  return (skew + disp) / 2;
}

/** Coverage 0..1: share of the hours between first and last with a connection, times how long it has run. */
export function coverageScore(ts: readonly number[], cfg: Pick<BeaconingConfig, 'coverageFullMs'>): number {
  if (ts.length < 2) return 0;
  const first = ts[0]!;
  const last = ts[ts.length - 1]!;
  const hours = new Set<number>();
  for (const t of ts) hours.add(Math.floor(t / HOUR));
  const spanned = Math.floor(last / HOUR) - Math.floor(first / HOUR) + 1;
  return (hours.size / spanned) * Math.min(1, (last - first) / cfg.coverageFullMs);
}

/** Multiplier 0..1 from prevalence: 1 up to `prevalenceLow`, falling linearly to 0 at `prevalenceHigh`. */
export function prevalenceFactor(fraction: number, cfg: Pick<BeaconingConfig, 'prevalenceLow' | 'prevalenceHigh'>): number {
  if (fraction <= cfg.prevalenceLow) return 1;
  if (fraction >= cfg.prevalenceHigh) return 0;
  return 1 - (fraction - cfg.prevalenceLow) / (cfg.prevalenceHigh - cfg.prevalenceLow);
}

export function beaconScore(ts: readonly number[], bytes: readonly number[], prevalence: number, cfg: BeaconingConfig): BeaconScore {
  const gaps = sortedGaps(ts);
  const timing = timingOfGaps(gaps, ts.length, cfg);
  const size = sizeScore(bytes, cfg);
  const coverage = coverageScore(ts, cfg);
  const factor = prevalenceFactor(prevalence, cfg);
  const w = cfg.weights;
  return {
    timing,
    size,
    coverage,
    prevalence,
    total: (w.timing * timing + w.size * size + w.coverage * coverage) * factor,
    medianIntervalMs: quantile(gaps, 0.5),
  };
}

export const beaconing: Detector<BeaconingConfig, State> = {
  id: 'beaconing',
  title: 'Beaconing',
  technique: T1071,
  configSchema,
  route: { all: TRAIT.outbound | TRAIT.source, none: TRAIT.dns | TRAIT.alert },
  createState(cfg) {
    return {
      cfg,
      pairs: new BoundedMap(cfg.maxPairs, cfg.windowMs),
      prevalence: new Prevalence(cfg.maxDestinations, cfg.windowMs),
      tenant: '',
      nextEvaluation: undefined,
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    for (const e of events) {
      const src = e['source.ip'];
      if (src === undefined || e['dns.question.name'] !== undefined || e['event.kind'] === 'alert') continue;
      if (directionOf(e) !== 'outbound') continue;
      const dst = destinationName(e);
      if (dst === undefined) continue;
      const ts = e['@timestamp'];
      state.prevalence.observe(src, dst, ts);
      observe(state, src, dst, e, ts);
    }
    state.nextEvaluation ??= now + cfg.evaluateEveryMs;
    if (now < state.nextEvaluation) return [];
    state.nextEvaluation = now + cfg.evaluateEveryMs;
    return evaluate(state, now);
  },
  evict(state, now) {
    state.pairs.evict(now);
    state.prevalence.evict(now);
  },
};

function observe(state: State, src: string, dst: string, e: VaernEvent, ts: number): void {
  const { cfg } = state;
  const key = `${src}>${dst}`;
  const p = state.pairs.get(key, ts) ?? state.pairs.add(key, ts, { src, dst, ts: [], bytes: [], samples: new Samples(), port: e['destination.port'] });
  const bytes = e['source.bytes'] ?? e['network.bytes'] ?? 0;
  const lastTs = p.ts[p.ts.length - 1];
  if (lastTs !== undefined && ts - lastTs < cfg.mergeWithinMs) {
    p.bytes[p.bytes.length - 1]! += bytes;
    return;
  }
  p.ts.push(ts);
  p.bytes.push(bytes);
  p.samples.add(e);
  if (p.ts.length > cfg.maxTimestampsPerPair) {
    p.ts.shift();
    p.bytes.shift();
  }
}

function evaluate(state: State, now: number): Finding[] {
  const { cfg } = state;
  const out: Finding[] = [];
  const horizon = now - cfg.windowMs;
  const judgePrevalence = state.prevalence.totalHosts() >= cfg.prevalenceMinHosts;
  state.pairs.forEachValue((p) => {
    // Too few even before the old ones go: leaving them (under minConnections of them) changes nothing.
    if (p.ts.length < cfg.minConnections) return;
    let drop = 0;
    while (drop < p.ts.length && p.ts[drop]! < horizon) drop++;
    if (drop > 0) {
      p.ts = p.ts.slice(drop);
      p.bytes = p.bytes.slice(drop);
    }
    if (p.ts.length < cfg.minConnections) return;
    const prevalence = judgePrevalence ? state.prevalence.fraction(p.dst) : 0;
    const s = beaconScore(p.ts, p.bytes, prevalence, cfg);
    if (s.total >= cfg.medium) out.push(finding(state, p, s, now));
  });
  return out;
}

function finding(state: State, p: Pair, s: BeaconScore, now: number): Finding {
  const first = p.ts[0]!;
  const last = p.ts[p.ts.length - 1]!;
  const hosts = state.prevalence.hostsReaching(p.dst);
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  const medBytes = quantile([...p.bytes].sort((a, b) => a - b), 0.5);
  return {
    detector: beaconing.id,
    tenant: state.tenant,
    entity: `${p.src}>${p.dst}`,
    severity: s.total >= state.cfg.high ? 'high' : 'medium',
    score: clampScore(s.total * 100),
    technique: T1071,
    title: `Beaconing from ${p.src} to ${p.dst}`,
    explanation:
      `${p.src} connected to ${p.dst} ${p.ts.length} times ${span(first, last)}, about every ${fmtDuration(s.medianIntervalMs)} ` +
      `with a median of ${Math.round(medBytes)} bytes out. Timing regularity ${pct(s.timing)}, size consistency ${pct(s.size)}, ` +
      `hourly coverage ${pct(s.coverage)}; ${hosts} internal host(s) reach this destination (${pct(s.prevalence)} of hosts).`,
    evidence: {
      counts: { connections: p.ts.length, medianIntervalMs: Math.round(s.medianIntervalMs), medianBytes: Math.round(medBytes), internalHostsReaching: hosts, timing: round2(s.timing), size: round2(s.size), coverage: round2(s.coverage) },
      sampleEvents: [...p.samples.events],
    },
    related: { ip: [p.src, ...(/^[\d.:a-f]+$/i.test(p.dst) ? [p.dst] : [])], hosts: /^[\d.:a-f]+$/i.test(p.dst) ? [] : [p.dst], users: [] },
    firstSeen: first,
    lastSeen: last,
    timestamp: now,
    fields: { 'source.ip': p.src, 'destination.address': p.dst, ...(p.port !== undefined ? { 'destination.port': p.port } : {}) },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export default register(beaconing);
