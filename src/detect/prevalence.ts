import { BoundedMap } from './sketch/bounded-map.ts';
import { DistinctCounter } from './sketch/distinct.ts';
import { hashString } from './sketch/hash.ts';
import { HyperLogLog } from './sketch/hyperloglog.ts';

/**
 * How many of the tenant's internal hosts talk to a destination, as a share of all internal hosts
 * seen. A destination most hosts reach (update servers, NTP pools, Microsoft 365) is almost never
 * command and control or an exfiltration drop; one that a single host reaches might be.
 */
export class Prevalence {
  private readonly perDestination: BoundedMap<string, DistinctCounter>;
  private readonly hosts = new HyperLogLog(12);
  private readonly exactLimit: number;
  private readonly precision: number;
  private total = 1;

  constructor(maxDestinations: number, ttlMs: number, exactLimit = 32, precision = 10) {
    this.perDestination = new BoundedMap(maxDestinations, ttlMs);
    this.exactLimit = exactLimit;
    this.precision = precision;
  }

  /** Record that internal host `src` reached `dst` at `ts`. */
  observe(src: string, dst: string, ts: number): void {
    const h = hashString(src);
    // The estimate moves only when a register does: most observations are of known hosts.
    if (this.hosts.addHash(h)) this.total = Math.max(1, Math.round(this.hosts.estimate()));
    const hosts = this.perDestination.get(dst, ts) ?? this.perDestination.add(dst, ts, new DistinctCounter(this.exactLimit, this.precision));
    hosts.addHash(h);
  }

  /** Distinct internal hosts that reached `dst`. */
  hostsReaching(dst: string): number {
    return this.perDestination.peek(dst)?.estimate() ?? 0;
  }

  /** Internal hosts seen at all. */
  totalHosts(): number {
    return this.total;
  }

  /** Share of internal hosts that reached `dst`, 0..1. */
  fraction(dst: string): number {
    return Math.min(1, this.hostsReaching(dst) / this.totalHosts());
  }

  evict(now: number): void {
    this.perDestination.evict(now);
  }
}
