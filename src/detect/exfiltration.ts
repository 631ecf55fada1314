import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { Samples, TopCounts, clampScore, fmtBytes, span } from './evidence.ts';
import { destinationName, directionOf } from './net.ts';
import { Prevalence } from './prevalence.ts';
import { DAY, countries, duration, int, num, severity } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { newEwma, updateEwma, type Ewma } from './stats.ts';

/**
 * Exfiltration: an internal host sending far more out than it usually does, per hourly bucket,
 * against its own EWMA baseline. Bytes are weighted by where they go: to a destination few
 * internal hosts use (a fresh VPS, a paste site) they count several times, to a destination most
 * hosts use (OneDrive, Teams) they count a fraction, and to a country of concern they count more.
 * So a large upload to the tenant's own cloud rarely alerts and a modest one to a rare host does.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    bucketMs: duration(60_000, DAY),
    alpha: num(0.001, 1),
    /** Buckets since the host was first seen before it is judged. */
    learningBuckets: int(1, 10_000),
    sigma: num(0, 1000),
    ratio: num(1, 100_000),
    /** Weighted bytes in one bucket below which nothing is reported. */
    minWeightedBytes: int(1, Number.MAX_SAFE_INTEGER),
    /** Weighted bytes at (multiples of) the threshold that make it high severity. */
    highMultiple: num(1, 1000),
    weights: z.object({ popular: num(0, 1), rare: num(1, 100), countryOfConcern: num(1, 100) }).strict(),
    /** A destination reached by at most this many internal hosts is rare. */
    rareMaxHosts: int(1, 1000),
    /** A destination reached by at least this share of internal hosts is popular. */
    popularMin: num(0, 1),
    prevalenceMinHosts: int(1, 1_000_000),
    countriesOfConcern: countries,
    severity,
    maxHosts: int(100, 10_000_000),
    maxDestinations: int(100, 10_000_000),
  })
  .strict();

export type ExfiltrationConfig = z.infer<typeof configSchema>;

interface Host {
  readonly src: string;
  readonly baseline: Ewma;
  bucket: number;
  weighted: number;
  raw: number;
  first: number;
  last: number;
  reported: number;
  destinations: TopCounts;
  countries: TopCounts;
  samples: Samples;
}

interface State {
  readonly cfg: ExfiltrationConfig;
  readonly hosts: BoundedMap<string, Host>;
  readonly prevalence: Prevalence;
  readonly concern: ReadonlySet<string>;
  tenant: string;
}

const T1048: Technique = { id: 'T1048', name: 'Exfiltration Over Alternative Protocol' };
const T1041: Technique = { id: 'T1041', name: 'Exfiltration Over C2 Channel' };

/** Weight of one destination's bytes. Pure, exported for table tests. */
export function destinationWeight(hostsReaching: number, fraction: number, concernCountry: boolean, judged: boolean, cfg: Pick<ExfiltrationConfig, 'weights' | 'rareMaxHosts' | 'popularMin'>): number {
  let w = 1;
  if (judged && fraction >= cfg.popularMin) w = cfg.weights.popular;
  else if (judged && hostsReaching <= cfg.rareMaxHosts) w = cfg.weights.rare;
  if (concernCountry) w *= cfg.weights.countryOfConcern;
  return w;
}

/** The weighted bytes that make a bucket anomalous for this baseline. */
export function exfilThreshold(b: Ewma, cfg: Pick<ExfiltrationConfig, 'minWeightedBytes' | 'ratio' | 'sigma'>): number {
  return Math.max(cfg.minWeightedBytes, b.mean * cfg.ratio, b.mean + cfg.sigma * Math.sqrt(Math.max(0, b.variance)));
}

export const exfiltration: Detector<ExfiltrationConfig, State> = {
  id: 'exfiltration',
  title: 'Unusual outbound volume',
  technique: T1048,
  configSchema,
  route: { all: TRAIT.outbound | TRAIT.source },
  createState(cfg) {
    return {
      cfg,
      hosts: new BoundedMap(cfg.maxHosts, cfg.bucketMs * cfg.learningBuckets * 4),
      prevalence: new Prevalence(cfg.maxDestinations, 7 * DAY),
      concern: new Set(cfg.countriesOfConcern),
      tenant: '',
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const out: Finding[] = [];
    for (const e of events) {
      const src = e['source.ip'];
      if (src === undefined || directionOf(e) !== 'outbound') continue;
      const dst = destinationName(e);
      if (dst === undefined) continue;
      const ts = e['@timestamp'];
      state.prevalence.observe(src, dst, ts);
      const bytes = e['source.bytes'] ?? 0;
      const f = observe(state, src, dst, e, ts, bytes, now);
      if (f !== undefined) out.push(f);
    }
    return out;
  },
  evict(state, now) {
    state.hosts.evict(now);
    state.prevalence.evict(now);
  },
};

function observe(state: State, src: string, dst: string, e: VaernEvent, ts: number, bytes: number, now: number): Finding | undefined {
  const { cfg } = state;
  const bucket = Math.floor(ts / cfg.bucketMs);
  const h =
    state.hosts.get(src, ts) ??
    state.hosts.add(src, ts, {
      src,
      baseline: newEwma(),
      bucket,
      weighted: 0,
      raw: 0,
      first: ts,
      last: ts,
      reported: 0,
      destinations: new TopCounts(32),
      countries: new TopCounts(16),
      samples: new Samples(),
    });
  if (bucket > h.bucket) {
    updateEwma(h.baseline, h.weighted, cfg.alpha);
    const gap = Math.min(bucket - h.bucket - 1, cfg.learningBuckets * 2);
    for (let i = 0; i < gap; i++) updateEwma(h.baseline, 0, cfg.alpha);
    h.bucket = bucket;
    h.weighted = 0;
    h.raw = 0;
    h.first = ts;
    h.reported = 0;
    h.destinations = new TopCounts(32);
    h.countries = new TopCounts(16);
    h.samples = new Samples();
  }
  if (bytes <= 0) return undefined;
  const country = e['destination.geo.country_iso_code'];
  const judged = state.prevalence.totalHosts() >= cfg.prevalenceMinHosts;
  const w = destinationWeight(state.prevalence.hostsReaching(dst), state.prevalence.fraction(dst), country !== undefined && state.concern.has(country), judged, cfg);
  h.weighted += bytes * w;
  h.raw += bytes;
  h.last = ts;
  h.destinations.add(dst, bytes);
  h.countries.add(country, bytes);
  if (w > 1) h.samples.add(e);
  if (h.baseline.n < cfg.learningBuckets) return undefined;
  const threshold = exfilThreshold(h.baseline, cfg);
  if (h.weighted < threshold || h.weighted < h.reported * 2) return undefined;
  h.reported = h.weighted;
  if (h.samples.events.length === 0) h.samples.add(e);
  return finding(state, h, threshold, now);
}

function finding(state: State, h: Host, threshold: number, now: number): Finding {
  const { cfg } = state;
  const top = h.destinations.top(3);
  const multiple = h.weighted / threshold;
  const dest = top.map(([d, b]) => `${d} (${fmtBytes(b)}, ${state.prevalence.hostsReaching(d)} host(s))`).join(', ');
  return {
    detector: exfiltration.id,
    tenant: state.tenant,
    entity: h.src,
    severity: multiple >= cfg.highMultiple ? 'high' : cfg.severity,
    score: clampScore(50 + 12 * Math.log2(multiple)),
    technique: top.length > 0 && state.prevalence.hostsReaching(top[0]![0]) <= cfg.rareMaxHosts ? T1048 : T1041,
    title: `Unusual outbound volume from ${h.src}`,
    explanation:
      `${h.src} sent ${fmtBytes(h.raw)} out ${span(h.first, h.last)} (weighted by destination rarity: ${fmtBytes(Math.round(h.weighted))}), ` +
      `against a usual ${fmtBytes(Math.round(h.baseline.mean))} per ${Math.round(cfg.bucketMs / 60_000)} min (threshold ${fmtBytes(Math.round(threshold))}). ` +
      `Top destinations: ${dest}.`,
    evidence: {
      counts: { bytes: h.raw, weightedBytes: Math.round(h.weighted), baselineBytes: Math.round(h.baseline.mean), threshold: Math.round(threshold) },
      sampleEvents: [...h.samples.events],
    },
    related: { ip: [h.src, ...top.map(([d]) => d).filter((d) => /^[\d.:a-f]+$/i.test(d))], hosts: top.map(([d]) => d).filter((d) => !/^[\d.:a-f]+$/i.test(d)), users: [] },
    firstSeen: h.first,
    lastSeen: h.last,
    timestamp: now,
    fields: { 'source.ip': h.src, 'source.bytes': h.raw, ...(top[0] !== undefined ? { 'destination.address': top[0][0] } : {}) },
  };
}

export default register(exfiltration);
