/**
 * Small statistics shared by the scoring functions. Pure functions over sorted numbers, plain or
 * typed arrays: scorers sort into Float64Arrays, whose native numeric sort needs no comparator.
 */

/** Exponentially weighted mean and variance (West 1979), for per-key baselines. */
export interface Ewma {
  mean: number;
  variance: number;
  /** Observations folded in so far: the baseline is trusted only after a learning count. */
  n: number;
}

export function newEwma(): Ewma {
  return { mean: 0, variance: 0, n: 0 };
}

/** Fold `x` into the baseline with weight `alpha` (0 < alpha <= 1). */
export function updateEwma(s: Ewma, x: number, alpha: number): void {
  if (s.n === 0) {
    s.mean = x;
    s.variance = 0;
  } else {
    const diff = x - s.mean;
    const incr = alpha * diff;
    s.mean += incr;
    s.variance = (1 - alpha) * (s.variance + diff * incr);
  }
  s.n++;
}

/** Quantile of sorted values by linear interpolation. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Bowley (quartile) skewness in [-1, 1]; 0 for a symmetric or degenerate distribution. */
export function bowleySkew(sorted: ArrayLike<number>): number {
  const q1 = quantile(sorted, 0.25);
  const q2 = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  const den = q3 - q1;
  if (!(den > 0) || q2 === q1 || q2 === q3) return 0;
  return (q3 + q1 - 2 * q2) / den;
}

/** Median absolute deviation about the median. */
export function madm(sorted: ArrayLike<number>): number {
  const med = quantile(sorted, 0.5);
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < dev.length; i++) dev[i] = Math.abs(sorted[i]! - med);
  return quantile(dev.sort(), 0.5);
}

/** Shannon entropy of a string in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
