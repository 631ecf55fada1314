import { BoundedMap } from './sketch/bounded-map.ts';

/**
 * Per-key reporting throttle for detectors that react to single events (intel hits, IDS alerts):
 * the first event of a key is reported at once, later ones are counted and reported at most
 * every `everyMs`, so a flood of identical hits becomes a few findings with counts, not thousands.
 */
export class Throttle {
  private readonly keys: BoundedMap<string, { count: number; first: number; nextReport: number }>;
  private readonly everyMs: number;

  constructor(maxKeys: number, everyMs: number) {
    this.keys = new BoundedMap(maxKeys, Math.max(everyMs * 2, 60_000));
    this.everyMs = everyMs;
  }

  /** Count one hit at `ts`; returns the hit count and first time when it is time to report, else undefined. */
  hit(key: string, ts: number): { count: number; first: number } | undefined {
    const k = this.keys.upsert(key, ts, () => ({ count: 0, first: ts, nextReport: ts }));
    k.count++;
    if (ts < k.nextReport) return undefined;
    k.nextReport = ts + this.everyMs;
    return { count: k.count, first: k.first };
  }

  evict(now: number): void {
    this.keys.evict(now);
  }
}
