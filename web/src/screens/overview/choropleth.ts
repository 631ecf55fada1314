/**
 * Classes for the breach map. Counts are heavy-tailed (one country often sends most), so class
 * bounds grow geometrically up to the largest count and are rounded to two significant digits.
 */
export function classBounds(max: number, classes = 5): number[] {
  if (max <= 0) return [];
  const bounds: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const raw = i === classes ? max : Math.pow(max, i / classes);
    const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(raw)) - 1));
    const bound = i === classes ? max : Math.ceil(raw / magnitude) * magnitude;
    if (bound > (bounds[bounds.length - 1] ?? 0) && bound <= max) bounds.push(bound);
  }
  if (bounds[bounds.length - 1] !== max) bounds.push(max);
  return bounds;
}

/** 0 for no attempts, otherwise the 1-based class whose upper bound holds `count`. */
export function classOf(count: number, bounds: readonly number[]): number {
  if (count <= 0) return 0;
  const i = bounds.findIndex((b) => count <= b);
  return i === -1 ? bounds.length : i + 1;
}
