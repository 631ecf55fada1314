import type { AggregateKey } from './event-store.ts';

/**
 * How each aggregate key groups: `group` is the raw grouping expression (cheap: a column or an
 * integer division), `key` formats one group value as the row key, `label` names an extra column.
 * Time buckets keep time order and ignore `limit`; the others are top-N by count.
 */
export interface AggregateShape {
  readonly group: string;
  readonly key: (g: string) => string;
  readonly label?: string;
  readonly timeBucket: boolean;
}

const asText = (g: string): string => `CAST(${g} AS VARCHAR)`;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** ms bucket number back to an ISO string (make_timestamp takes microseconds). */
const bucket = (size: number, format: string) => (g: string) => `strftime(make_timestamp(${g} * ${size * 1000}), '${format}')`;

export const AGGREGATES: Record<AggregateKey, AggregateShape> = {
  country: { group: '"source__geo__country_iso_code"', key: asText, timeBucket: false },
  day: { group: `"timestamp" // ${DAY_MS}`, key: bucket(DAY_MS, '%Y-%m-%d'), timeBucket: true },
  hour: { group: `"timestamp" // ${HOUR_MS}`, key: bucket(HOUR_MS, '%Y-%m-%dT%H:00:00Z'), timeBucket: true },
  asn: { group: '"source__as__number"', key: asText, label: '"source__as__organization__name"', timeBucket: false },
  tenant: { group: '"vaern__tenant"', key: asText, timeBucket: false },
  sensor: { group: '"vaern__sensor"', key: asText, timeBucket: false },
  'destination.port': { group: '"destination__port"', key: asText, timeBucket: false },
  'source.ip': { group: '"source__ip"', key: asText, timeBucket: false },
};
