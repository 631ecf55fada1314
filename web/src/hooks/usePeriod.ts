import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** The time windows the console offers. Kept in the URL (`?range=7d`) so views can be shared. */
export const RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;

export interface Period {
  range: RangeKey;
  from: string;
  to: string;
  /** The window of the same length just before, for trends. */
  previous: { from: string; to: string };
}

function isRange(value: string | null): value is RangeKey {
  return value !== null && Object.hasOwn(RANGES, value);
}

export function periodOf(range: RangeKey, now: number): Period {
  const length = RANGES[range];
  const to = Math.ceil(now / 60_000) * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  return { range, from: iso(to - length), to: iso(to), previous: { from: iso(to - 2 * length), to: iso(to - length) } };
}

export function usePeriod(fallback: RangeKey = '7d'): [Period, (range: RangeKey) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('range');
  const range = isRange(raw) ? raw : fallback;
  const period = useMemo(() => periodOf(range, Date.now()), [range]);
  const setRange = (next: RangeKey) =>
    setParams(
      (p) => {
        p.set('range', next);
        return p;
      },
      { replace: true },
    );
  return [period, setRange];
}
