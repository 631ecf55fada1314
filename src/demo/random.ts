/**
 * A small seeded PRNG (mulberry32) so a demo or test run with the same seed sends the same
 * traffic. Math.random cannot be seeded.
 */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Exponentially distributed with the given mean: the gaps of a Poisson process. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** Weighted choice in O(log n). */
export class Weighted<T> {
  private readonly items: readonly T[];
  private readonly cum: number[] = [];
  private readonly total: number;
  constructor(items: readonly T[], weights: readonly number[]) {
    this.items = items;
    let acc = 0;
    for (const w of weights) this.cum.push((acc += w));
    this.total = acc;
  }
  pick(rng: Random): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
