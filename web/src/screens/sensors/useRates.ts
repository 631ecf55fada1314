import { useRef } from 'react';
import type { Sensor } from '../../api/types.ts';

/**
 * Events per second per sensor, from the change in its counters between two readings. The first
 * reading has no rate yet.
 */
export function useRates(sensors: Sensor[] | undefined): ReadonlyMap<string, number> {
  const previous = useRef(new Map<string, { events: number; at: number }>());
  const rates = useRef(new Map<string, number>());
  const seen = useRef<Sensor[] | undefined>(undefined);
  if (sensors && sensors !== seen.current) {
    seen.current = sensors;
    const now = Date.now();
    for (const s of sensors) {
      const before = previous.current.get(s.id);
      if (before && now > before.at) rates.current.set(s.id, Math.max(0, ((s.live.events - before.events) * 1000) / (now - before.at)));
      previous.current.set(s.id, { events: s.live.events, at: now });
    }
  }
  return rates.current;
}
