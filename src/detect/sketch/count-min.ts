import { hashString } from './hash.ts';

/**
 * Count-Min sketch (Cormode and Muthukrishnan 2005): approximate frequencies of an unbounded set
 * of keys in fixed memory. Estimates never undercount; with width w = ceil(e / epsilon) and depth
 * d = ceil(ln(1 / delta)) the overcount is at most epsilon * total with probability 1 - delta.
 *
 * Hand-written: one typed array, double hashing (two hashes give all d rows), and `halve()` so a
 * detector can age its counts (an exponential decay) without keeping per-key timestamps.
 */
export class CountMinSketch {
  readonly width: number;
  readonly depth: number;
  private readonly table: Uint32Array;
  private totalCount = 0;

  constructor(width: number, depth: number) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
    if (!Number.isInteger(depth) || depth < 1 || depth > 16) throw new RangeError(`depth must be 1..16, got ${depth}`);
    this.width = width;
    this.depth = depth;
    this.table = new Uint32Array(width * depth);
  }

  /** Sized from the error bounds: overcount <= epsilon * total with probability 1 - delta. */
  static fromError(epsilon: number, delta: number): CountMinSketch {
    return new CountMinSketch(Math.ceil(Math.E / epsilon), Math.ceil(Math.log(1 / delta)));
  }

  get total(): number {
    return this.totalCount;
  }

  /** Count `key`; returns its estimate from before (what `estimate` said), hashing the key once for both. */
  add(key: string, count = 1): number {
    const h1 = hashString(key, 0x5bd1e995);
    const h2 = hashString(key, 0x1b873593) | 1;
    const w = this.width;
    let before = Infinity;
    for (let row = 0; row < this.depth; row++) {
      const col = ((h1 + Math.imul(row, h2)) >>> 0) % w;
      const i = row * w + col;
      const v = this.table[i]!;
      if (v < before) before = v;
      this.table[i] = Math.min(0xffffffff, v + count);
    }
    this.totalCount += count;
    return before;
  }

  estimate(key: string): number {
    const h1 = hashString(key, 0x5bd1e995);
    const h2 = hashString(key, 0x1b873593) | 1;
    const w = this.width;
    let min = Infinity;
    for (let row = 0; row < this.depth; row++) {
      const col = ((h1 + Math.imul(row, h2)) >>> 0) % w;
      const v = this.table[row * w + col]!;
      if (v < min) min = v;
    }
    return min;
  }

  /** Halve every counter: exponential ageing, so old traffic fades instead of counting forever. */
  halve(): void {
    for (let i = 0; i < this.table.length; i++) this.table[i] = this.table[i]! >>> 1;
    this.totalCount = Math.floor(this.totalCount / 2);
  }
}
