import type { HistogramBucket } from '../../api/types.ts';

const STEP = { hour: 3_600_000, day: 86_400_000 } as const;

/** The server lists only intervals with events; the chart needs the empty ones too, in order. */
export function fillBuckets(buckets: HistogramBucket[], from: string, to: string, interval: 'hour' | 'day'): HistogramBucket[] {
  const step = STEP[interval];
  const counts = new Map(buckets.map((b) => [Date.parse(b.key), b.count]));
  const start = Math.floor(Date.parse(from) / step) * step;
  const end = Date.parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || (end - start) / step > 1000) return buckets;
  const out: HistogramBucket[] = [];
  for (let t = start; t < end; t += step) out.push({ key: new Date(t).toISOString(), count: counts.get(t) ?? 0 });
  return out;
}
