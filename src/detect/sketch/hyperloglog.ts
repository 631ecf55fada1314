/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) over 32-bit hashes.
 *
 * Hand-written rather than taken from a library: it sits on the hot path (one `add` per event
 * per counter), must be mergeable (a sliding window is the union of two epochs) and must keep its
 * registers in one typed array so a million counters stay measurable. The relative standard error
 * is 1.04 / sqrt(2^p): p = 8 gives 6.5% in 256 bytes, p = 12 gives 1.6% in 4 KiB.
 */
export class HyperLogLog {
  readonly p: number;
  readonly registers: Uint8Array;
  /** Running sum of 2^-register and count of zero registers, so `estimate` is O(1) on the hot path. */
  private sum: number;
  private zeros: number;

  constructor(p: number) {
    if (!Number.isInteger(p) || p < 4 || p > 16) throw new RangeError(`HyperLogLog precision must be 4..16, got ${p}`);
    this.p = p;
    this.registers = new Uint8Array(1 << p);
    this.sum = this.registers.length;
    this.zeros = this.registers.length;
  }

  clone(): HyperLogLog {
    const c = new HyperLogLog(this.p);
    c.registers.set(this.registers);
    c.sum = this.sum;
    c.zeros = this.zeros;
    return c;
  }

  /** Add a 32-bit hash (see ./hash.ts); true when the estimate changed. */
  addHash(hash: number): boolean {
    const p = this.p;
    const index = hash >>> (32 - p);
    const rest = (hash << p) >>> 0;
    // Rank = position of the first 1 bit in the remaining 32-p bits, capped when they are all 0.
    const rank = rest === 0 ? 33 - p : Math.clz32(rest) + 1;
    const old = this.registers[index]!;
    if (rank > old) {
      this.registers[index] = rank;
      this.sum += 2 ** -rank - 2 ** -old;
      if (old === 0) this.zeros--;
      return true;
    }
    return false;
  }

  estimate(): number {
    const m = this.registers.length;
    const sum = this.sum;
    const zeros = this.zeros;
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    // Small-range correction: linear counting while registers are still empty.
    if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
    // Large-range correction for a 32-bit hash space.
    const two32 = 4294967296;
    if (raw > two32 / 30) return -two32 * Math.log(1 - raw / two32);
    return raw;
  }

  /** Fold another counter of the same precision into this one (set union). */
  merge(other: HyperLogLog): void {
    if (other.p !== this.p) throw new RangeError('cannot merge HyperLogLogs of different precision');
    const a = this.registers;
    const b = other.registers;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < a.length; i++) {
      if (b[i]! > a[i]!) a[i] = b[i]!;
      sum += 2 ** -a[i]!;
      if (a[i] === 0) zeros++;
    }
    this.sum = sum;
    this.zeros = zeros;
  }
}
