import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { Samples, TopCounts, clampScore, span } from './evidence.ts';
import { directionOf, isPrivateIp } from './net.ts';
import { countries, duration, int, num, severity } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { newEwma, updateEwma, type Ewma } from './stats.ts';

/**
 * Breach attempts: inbound connections from outside that the firewall denied, counted per source
 * country and per source AS in hourly buckets and judged against the tenant's own baseline (an
 * EWMA of the hourly count per key). Internet background noise is constant; what matters is a
 * country or network that suddenly knocks far more than usual. Countries of concern (data, not
 * code) need fewer attempts to be reported and get a higher severity.
 *
 * A spike needs all three: count >= minCount (or concernMinCount), count > ratio x mean and
 * count > mean + sigma x standard deviation, after `learningBuckets` hours of baseline.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    bucketMs: duration(60_000, 86_400_000),
    /** EWMA weight of each new bucket (0.1 ~ a memory of about ten buckets). */
    alpha: num(0.001, 1),
    /** Buckets of baseline (counted from the tenant's first event) before spikes are judged. */
    learningBuckets: int(1, 10_000),
    sigma: num(0, 100),
    ratio: num(1, 1000),
    minCount: int(1, 100_000_000),
    concernMinCount: int(1, 100_000_000),
    countriesOfConcern: countries,
    /** Also key by source AS (finds one hosting network spiking inside a busy country). */
    byAsn: z.boolean(),
    severity,
    concernSeverity: severity,
    maxKeys: int(10, 1_000_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.concernMinCount > c.minCount) ctx.addIssue({ code: 'custom', path: ['concernMinCount'], message: 'must not exceed minCount' });
  });

export type BreachAttemptsConfig = z.infer<typeof configSchema>;

interface KeyState {
  /** Country code, or AS number. */
  readonly key: string | number;
  /** Country of the latest attempt (for an AS key, it may change). */
  country: string;
  readonly baseline: Ewma;
  count: number;
  first: number;
  last: number;
  reported: number;
  readonly sources: TopCounts;
  readonly asns: TopCounts<number>;
  readonly ports: TopCounts<number>;
  samples: Samples;
}

interface State {
  readonly cfg: BreachAttemptsConfig;
  readonly keys: BoundedMap<string | number, KeyState>;
  readonly concern: ReadonlySet<string>;
  tenant: string;
  startBucket: number | undefined;
  bucket: number;
}

const T1190: Technique = { id: 'T1190', name: 'Exploit Public-Facing Application' };
const T1133: Technique = { id: 'T1133', name: 'External Remote Services' };
const REMOTE_SERVICE_PORTS = new Set([22, 23, 443, 3389, 5900, 10443, 4443, 8443, 1194, 500, 4500]);

export const breachAttempts: Detector<BreachAttemptsConfig, State> = {
  id: 'breach-attempts',
  title: 'Spike in denied inbound attempts',
  technique: T1190,
  configSchema,
  route: { all: TRAIT.denied | TRAIT.source, any: TRAIT.inbound | TRAIT.external },
  createState(cfg) {
    return {
      cfg,
      keys: new BoundedMap(cfg.maxKeys, cfg.bucketMs * 24 * 30),
      concern: new Set(cfg.countriesOfConcern),
      tenant: '',
      startBucket: undefined,
      bucket: 0,
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    const out: Finding[] = [];
    for (const e of events) {
      if (e['event.action'] !== 'denied') continue;
      const src = e['source.ip'];
      const dir = directionOf(e);
      if (src === undefined || !(dir === 'inbound' || (dir === 'external' && !isPrivateIp(src)))) continue;
      const ts = e['@timestamp'];
      const bucket = Math.floor(ts / cfg.bucketMs);
      if (state.startBucket === undefined) {
        state.startBucket = bucket;
        state.bucket = bucket;
      } else if (bucket > state.bucket) {
        roll(state, bucket);
      }
      const country = e['source.geo.country_iso_code'] ?? '??';
      // Keys are the country code itself and the AS number: no string building per event.
      count(state, country, country, e, ts, out, now);
      const asn = e['source.as.number'];
      if (cfg.byAsn && asn !== undefined) count(state, asn, country, e, ts, out, now);
    }
    return out;
  },
  evict(state, now) {
    state.keys.evict(now);
  },
};

/** Close the current bucket (and empty buckets in a gap) into every key's baseline. */
function roll(state: State, bucket: number): void {
  const gap = Math.min(bucket - state.bucket - 1, state.cfg.learningBuckets * 2);
  for (const [, k] of state.keys.entries()) {
    updateEwma(k.baseline, k.count, state.cfg.alpha);
    for (let i = 0; i < gap; i++) updateEwma(k.baseline, 0, state.cfg.alpha);
    k.count = 0;
    k.reported = 0;
    k.samples = new Samples();
  }
  state.bucket = bucket;
}

function count(state: State, key: string | number, country: string, e: VaernEvent, ts: number, out: Finding[], now: number): void {
  const { cfg } = state;
  const k = state.keys.get(key, ts) ?? state.keys.add(key, ts, newKey(state, key, country, ts));
  if (k.count === 0) k.first = ts;
  // An AS can span countries: the label names the country its latest attempts come from, the
  // same one the concern list is checked against.
  k.country = country;
  k.count++;
  k.last = ts;
  k.sources.add(e['source.ip']);
  k.asns.add(e['source.as.number']);
  k.ports.add(e['destination.port']);
  k.samples.add(e);
  if (k.baseline.n < cfg.learningBuckets) return;
  const concern = state.concern.has(country);
  const threshold = thresholdOf(cfg, k.baseline, concern);
  if (k.count < threshold || k.count < k.reported * 2) return;
  k.reported = k.count;
  out.push(finding(state, k, threshold, concern, now));
}

function newKey(state: State, key: string | number, country: string, ts: number): KeyState {
  // A key first seen now has had zero attempts in every bucket since the tenant's start.
  const baseline = newEwma();
  baseline.n = state.bucket - (state.startBucket ?? state.bucket);
  return { key, country, baseline, count: 0, first: ts, last: ts, reported: 0, sources: new TopCounts(64), asns: new TopCounts(16), ports: new TopCounts(16), samples: new Samples() };
}

/** The count that makes a spike, given a baseline. Pure, exported for table tests. */
export function thresholdOf(cfg: Pick<BreachAttemptsConfig, 'sigma' | 'ratio' | 'minCount' | 'concernMinCount'>, b: Ewma, concern: boolean): number {
  const sd = Math.sqrt(Math.max(0, b.variance));
  return Math.max(concern ? cfg.concernMinCount : cfg.minCount, Math.ceil(b.mean * cfg.ratio), Math.floor(b.mean + cfg.sigma * sd) + 1);
}

function finding(state: State, k: KeyState, threshold: number, concern: boolean, now: number): Finding {
  const ports = k.ports.top(3);
  const remote = ports.some(([p]) => REMOTE_SERVICE_PORTS.has(p));
  const asnKey = typeof k.key === 'number';
  const label = asnKey ? `AS${k.key} (${k.country})` : k.country;
  const sources = k.sources.top(5).map(([ip]) => ip);
  const mean = k.baseline.mean;
  return {
    detector: breachAttempts.id,
    tenant: state.tenant,
    entity: asnKey ? `AS${k.key}` : k.country,
    severity: concern ? state.cfg.concernSeverity : state.cfg.severity,
    score: clampScore((concern ? 50 : 30) + 10 * Math.log2(k.count / Math.max(1, mean, threshold / state.cfg.ratio))),
    technique: remote ? T1133 : T1190,
    title: `Spike in denied inbound attempts from ${label}${concern ? ' (country of concern)' : ''}`,
    explanation:
      `${k.count} denied inbound attempts from ${label} ${span(k.first, k.last)} this hour, against a usual ${mean.toFixed(1)} per hour ` +
      `(spike threshold ${threshold}); mostly to port(s) ${ports.map(([p, n]) => `${p} (${n})`).join(', ')}, ` +
      `top sources ${sources.join(', ')}; networks ${k.asns.top(3).map(([a]) => `AS${a}`).join(', ') || 'unknown'}.`,
    evidence: { counts: { attempts: k.count, baselineMean: Math.round(mean * 10) / 10, threshold, sources: k.sources.top(64).length }, sampleEvents: [...k.samples.events] },
    related: { ip: sources, hosts: [], users: [] },
    firstSeen: k.first,
    lastSeen: k.last,
    timestamp: now,
    fields: asnKey
      ? { 'source.geo.country_iso_code': k.country, 'source.as.number': k.key as number }
      : { 'source.geo.country_iso_code': k.country },
  };
}

export default register(breachAttempts);
