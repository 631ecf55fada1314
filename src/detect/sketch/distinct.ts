import { HyperLogLog } from './hyperloglog.ts';

/**
 * Distinct counter that is exact while small and a HyperLogLog once large.
 *
 * Most keys a detector tracks see a handful of distinct values (an internet host probing one
 * port), so a 256-byte sketch per key would waste memory and give approximate answers exactly
 * where thresholds sit. Values are kept as 32-bit hashes so the exact and sketched forms merge.
 */
export class DistinctCounter {
  private exact: number[] | undefined = [];
  private hll: HyperLogLog | undefined;
  private readonly exactLimit: number;
  private readonly precision: number;

  constructor(exactLimit: number, precision: number) {
    this.exactLimit = exactLimit;
    this.precision = precision;
  }

  addHash(hash: number): void {
    const exact = this.exact;
    if (exact !== undefined) {
      if (exact.includes(hash)) return;
      if (exact.length < this.exactLimit) {
        exact.push(hash);
        return;
      }
      this.promote();
    }
    this.hll!.addHash(hash);
  }

  /** True when the value was certainly seen (exact mode only; false once sketched). */
  hasExact(hash: number): boolean {
    return this.exact?.includes(hash) ?? false;
  }

  estimate(): number {
    return this.exact !== undefined ? this.exact.length : Math.round(this.hll!.estimate());
  }

  /** Distinct count of the union of this and `other`, without changing either (allocates: not for the hot path). */
  unionEstimate(other: DistinctCounter): number {
    const u = this.clone();
    u.mergeFrom(other);
    return u.estimate();
  }

  clone(): DistinctCounter {
    const c = new DistinctCounter(this.exactLimit, this.precision);
    c.exact = this.exact?.slice();
    c.hll = this.hll?.clone();
    return c;
  }

  mergeFrom(other: DistinctCounter): void {
    if (other.exact !== undefined) {
      for (const h of other.exact) this.addHash(h);
      return;
    }
    if (this.exact !== undefined) this.promote();
    this.hll!.merge(other.hll!);
  }

  private promote(): void {
    const hll = new HyperLogLog(this.precision);
    for (const h of this.exact!) hll.addHash(h);
    this.hll = hll;
    this.exact = undefined;
  }
}
