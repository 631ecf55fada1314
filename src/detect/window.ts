import { DistinctCounter } from './sketch/distinct.ts';

/**
 * Tumbling-window counters read as "current + previous epoch", so a burst that straddles a
 * boundary is still seen whole: the read covers between one and two windows of history, which is
 * the documented meaning of every `...WindowMs` threshold. Cheaper than a true sliding window (no
 * per-event timestamps) and mergeable for distinct counts.
 */
export class WindowDistinct {
  private epoch: number;
  private cur: DistinctCounter;
  /** previous epoch + current epoch, kept up to date on each add so reading is O(1). */
  private both: DistinctCounter;
  private readonly windowMs: number;
  private readonly exactLimit: number;
  private readonly precision: number;

  constructor(windowMs: number, ts: number, exactLimit: number, precision: number) {
    this.windowMs = windowMs;
    this.exactLimit = exactLimit;
    this.precision = precision;
    this.epoch = Math.floor(ts / windowMs);
    this.cur = new DistinctCounter(exactLimit, precision);
    // Until the first roll, previous + current is just current: one counter, not two.
    this.both = this.cur;
  }

  /** Add a hashed value seen at `ts`; returns the distinct count over the current and previous epoch. */
  add(ts: number, hash: number): number {
    this.roll(ts);
    this.cur.addHash(hash);
    if (this.both !== this.cur) this.both.addHash(hash);
    return this.both.estimate();
  }

  count(): number {
    return this.both.estimate();
  }

  private roll(ts: number): void {
    const epoch = Math.floor(ts / this.windowMs);
    if (epoch <= this.epoch) return;
    // The old current becomes the union's base when the epochs are consecutive.
    const next = new DistinctCounter(this.exactLimit, this.precision);
    this.both = epoch === this.epoch + 1 ? this.cur : next;
    this.cur = next;
    this.epoch = epoch;
  }
}

export class WindowSum {
  private epoch: number;
  private cur = 0;
  private prev = 0;
  private readonly windowMs: number;

  constructor(windowMs: number, ts: number) {
    this.windowMs = windowMs;
    this.epoch = Math.floor(ts / windowMs);
  }

  add(ts: number, n = 1): number {
    const epoch = Math.floor(ts / this.windowMs);
    if (epoch > this.epoch) {
      this.prev = epoch === this.epoch + 1 ? this.cur : 0;
      this.cur = 0;
      this.epoch = epoch;
    }
    this.cur += n;
    return this.cur + this.prev;
  }

  /** The sum as of `ts` without adding to it. */
  at(ts: number): number {
    const epoch = Math.floor(ts / this.windowMs);
    if (epoch === this.epoch) return this.cur + this.prev;
    if (epoch === this.epoch + 1) return this.cur;
    return epoch < this.epoch ? this.cur + this.prev : 0;
  }
}
