import type { VaernEvent } from '../model/event.ts';
import type { AlertUpdate, Finding } from './alert.ts';
import type { DetectConfig } from './config.ts';
import { createDeduplicator, type Deduplicator } from './dedup.ts';
import { traitsOf, type DetectorRun, type RegisteredDetector, type Route } from './detector.ts';
import { DETECTORS } from './registry.ts';

/**
 * The detection engine: per tenant, every enabled detector steps over the tenant's events of a
 * batch (state is per tenant, so one municipality's traffic never shapes another's baseline);
 * their findings go through deduplication and suppression and come out as alert updates.
 *
 * Batches should be in event-time order; `now` is the caller's clock (event time in replays).
 */
export interface DetectionEngine {
  process(events: readonly VaernEvent[], now: number): AlertUpdate[];
  /** Drop state past every detector's horizon; call periodically (the CLI does every batch). */
  evict(now: number): void;
  readonly dedup: Deduplicator;
  stats(): EngineStats;
}

export interface EngineStats {
  events: number;
  findings: number;
  findingsByDetector: Record<string, number>;
  tenants: number;
}

export function createDetectionEngine(config: DetectConfig, detectors: readonly RegisteredDetector[] = DETECTORS): DetectionEngine {
  const enabled = detectors.filter((d) => config.detectors[d.id]?.enabled === true);
  const routing = routingOf(enabled.map((d) => d.route));
  const tenants = new Map<string, DetectorRun[]>();
  const dedup = createDeduplicator(config.dedup, config.suppressions);
  const stats: EngineStats = { events: 0, findings: 0, findingsByDetector: {}, tenants: 0 };

  const runsFor = (tenant: string): DetectorRun[] => {
    let runs = tenants.get(tenant);
    if (runs === undefined) {
      runs = enabled.map((d) => d.instantiate(config.detectors[d.id]!));
      tenants.set(tenant, runs);
      stats.tenants = tenants.size;
    }
    return runs;
  };

  return {
    dedup,
    process(events, now) {
      stats.events += events.length;
      const findings: Finding[] = [];
      for (const [tenant, batch] of byTenant(events)) {
        const runs = runsFor(tenant);
        const routed = route(batch, routing);
        for (let i = 0; i < runs.length; i++) {
          const run = runs[i]!;
          // Every run steps, with no events too: some act on the clock (beaconing scores hourly).
          const out = run.step(routed[i]!, now);
          if (out.length === 0) continue;
          stats.findingsByDetector[run.id] = (stats.findingsByDetector[run.id] ?? 0) + out.length;
          for (const f of out) findings.push(f);
        }
      }
      stats.findings += findings.length;
      if (findings.length === 0) return [];
      findings.sort((a, b) => a.timestamp - b.timestamp || a.lastSeen - b.lastSeen);
      return dedup.apply(findings, now);
    },
    evict(now) {
      for (const runs of tenants.values()) for (const run of runs) run.evict(now);
      dedup.evict(now);
    },
    stats: () => structuredClone(stats),
  };
}

/** Detectors' routes as parallel masks; a detector without a route has `all` -1 (takes every event). */
interface Routing {
  readonly all: Int32Array;
  readonly any: Int32Array;
  readonly none: Int32Array;
  readonly some: boolean;
}

function routingOf(list: readonly (Route | undefined)[]): Routing {
  const r: Routing = { all: new Int32Array(list.length), any: new Int32Array(list.length), none: new Int32Array(list.length), some: list.some((x) => x !== undefined) };
  list.forEach((x, i) => {
    r.all[i] = x === undefined ? -1 : (x.all ?? 0);
    r.any[i] = x?.any ?? 0;
    r.none[i] = x?.none ?? 0;
  });
  return r;
}

/**
 * Each detector's share of a batch, in order: an event's traits are worked out once and it goes
 * only to the detectors whose route takes it (see `Route`). Detectors without a route get the batch.
 */
function route(batch: readonly VaernEvent[], r: Routing): (readonly VaernEvent[])[] {
  const n = r.all.length;
  const out: (readonly VaernEvent[])[] = [];
  const lists: VaernEvent[][] = [];
  for (let i = 0; i < n; i++) {
    const list: VaernEvent[] = [];
    lists.push(list);
    out.push(r.all[i] === -1 ? batch : list);
  }
  if (!r.some) return out;
  for (const e of batch) {
    const t = traitsOf(e);
    for (let i = 0; i < n; i++) {
      const all = r.all[i]!;
      const any = r.any[i]!;
      if (all !== -1 && (t & all) === all && (any === 0 || (t & any) !== 0) && (t & r.none[i]!) === 0) lists[i]!.push(e);
    }
  }
  return out;
}

/** Split a batch by tenant, keeping order; the common single-tenant batch is passed through. */
function byTenant(events: readonly VaernEvent[]): Map<string, readonly VaernEvent[]> {
  const out = new Map<string, VaernEvent[]>();
  if (events.length === 0) return out;
  const first = events[0]!['vaern.tenant'];
  let single = true;
  for (const e of events) {
    if (e['vaern.tenant'] !== first) {
      single = false;
      break;
    }
  }
  if (single) return new Map([[first, events as VaernEvent[]]]);
  for (const e of events) {
    const t = e['vaern.tenant'];
    let list = out.get(t);
    if (list === undefined) out.set(t, (list = []));
    list.push(e);
  }
  return out;
}
