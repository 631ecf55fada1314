import type { VaernEvent } from '../../model/event.ts';
import type { EventFieldName } from '../../model/fields.ts';
import type { Reject } from '../../model/reject.ts';
import type { TenantScope } from '../../model/tenant.ts';

/** Filters every event query understands. All are optional except scope and time range. */
export interface EventFilter {
  readonly scope: TenantScope;
  /** Inclusive start, epoch ms. */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
  /** Exact matches on fields, e.g. `{ 'event.action': 'denied' }`; an array means any of. */
  readonly equals?: Partial<Record<EventFieldName, string | number | readonly (string | number)[]>>;
  /** An address in either end, or a CIDR containing either end. */
  readonly address?: string;
  /** Events that count as breach attempts: denied, and coming from outside. */
  readonly breachAttempts?: boolean;
}

export type AggregateKey = 'country' | 'day' | 'asn' | 'hour' | 'tenant' | 'sensor' | 'destination.port' | 'source.ip';

export interface AggregateQuery extends EventFilter {
  readonly by: AggregateKey;
  /** Keep the top N buckets by count (ignored for time buckets). */
  readonly limit?: number;
}

export interface AggregateRow {
  /** Country code, ISO day (`2026-11-23`), AS number as text, ... */
  readonly key: string;
  readonly count: number;
  /** For `asn`: the AS organisation name. */
  readonly label?: string;
  /** Distinct source addresses in the bucket. */
  readonly sources: number;
}

export interface HistogramQuery extends EventFilter {
  readonly interval: 'hour' | 'day';
}

export interface HistogramBucket {
  /** Start of the bucket: `2026-11-23T14:00:00Z` for hours, `2026-11-23` for days. */
  readonly key: string;
  readonly count: number;
}

export interface EventQuery extends EventFilter {
  readonly limit: number;
  readonly order?: 'asc' | 'desc';
}

export interface RejectQuery {
  readonly scope: TenantScope;
  readonly from: number;
  readonly to: number;
  readonly limit: number;
}

/**
 * Where events live. The embedded adapter is DuckDB (src/store/events/duckdb.ts); the scale-out
 * adapter will be ClickHouse. All SQL stays inside the adapters.
 */
export interface EventStore {
  appendBatch(events: readonly VaernEvent[]): Promise<void>;
  appendRejects(rejects: readonly Reject[]): Promise<void>;
  query(q: EventQuery): Promise<VaernEvent[]>;
  count(f: EventFilter): Promise<number>;
  aggregate(q: AggregateQuery): Promise<AggregateRow[]>;
  /**
   * Event counts per time bucket, in time order, empty buckets left out. Unlike a time
   * `aggregate`, no distinct sources: counting those costs ~10x the count on a month of events.
   */
  histogram(q: HistogramQuery): Promise<HistogramBucket[]>;
  rejects(q: RejectQuery): Promise<Reject[]>;
  /** Delete events older than `before` (epoch ms); returns how many were removed. */
  deleteBefore(before: number): Promise<number>;
  /** Make appended data durable (checkpoint); called on shutdown and periodically. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
