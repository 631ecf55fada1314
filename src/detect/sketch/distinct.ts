import { HyperLogLog } from './hyperloglog.ts';

/**
 * Distinct counter that is exact while small and a HyperLogLog once large.
 *
 * Most keys a detector tracks see one or a handful of distinct values (an internet host probing
 * one port), so a 256-byte sketch per key would waste memory and give approximate answers exactly
 * where thresholds sit. The first value is held inline (no array for the common single-value key),
 * further ones in a small array, then a sketch. Values are kept as 32-bit hashes so the exact and
 * sketched forms merge.
 */
export class DistinctCounter {
  /** The first hash, or -1 (hashes are unsigned). */
  private first = -1;
  private rest: number[] | undefined;
  private hll: HyperLogLog | undefined;
  private readonly exactLimit: number;
  private readonly precision: number;

  constructor(exactLimit: number, precision: number) {
    this.exactLimit = exactLimit;
    this.precision = precision;
  }

  addHash(hash: number): void {
    if (this.hll !== undefined) {
      this.hll.addHash(hash);
      return;
    }
    if (this.first === -1) {
      this.first = hash;
      return;
    }
    if (hash === this.first) return;
    const rest = (this.rest ??= []);
    if (rest.includes(hash)) return;
    if (rest.length + 1 < this.exactLimit) {
      rest.push(hash);
      return;
    }
    this.promote();
    this.hll!.addHash(hash);
  }

  estimate(): number {
    if (this.hll !== undefined) return Math.round(this.hll.estimate());
    return this.first === -1 ? 0 : 1 + (this.rest?.length ?? 0);
  }

  /** Distinct count of the union of this and `other`, without changing either (allocates: not for the hot path). */
  unionEstimate(other: DistinctCounter): number {
    const u = this.clone();
    u.mergeFrom(other);
    return u.estimate();
  }

  clone(): DistinctCounter {
    const c = new DistinctCounter(this.exactLimit, this.precision);
    c.first = this.first;
    c.rest = this.rest?.slice();
    c.hll = this.hll?.clone();
    return c;
  }

  mergeFrom(other: DistinctCounter): void {
    if (other.hll !== undefined) {
      if (this.hll === undefined) this.promote();
      this.hll!.merge(other.hll);
      return;
    }
    if (other.first !== -1) this.addHash(other.first);
    for (const h of other.rest ?? []) this.addHash(h);
  }

  private promote(): void {
    const hll = new HyperLogLog(this.precision);
    if (this.first !== -1) hll.addHash(this.first);
    for (const h of this.rest ?? []) hll.addHash(h);
    this.hll = hll;
    this.rest = undefined;
  }
}
