/**
 * Counters the ingest path keeps, read by the server's `/metrics` and the console's sensor page.
 * Plain numbers, so the lower layers need no metrics library; the server turns them into
 * Prometheus series at scrape time.
 */
import type { ListenerStats } from '../telemetry/listener-stats.ts';

export type { ListenerStats };

export interface SensorStats {
  readonly tenant: string;
  readonly sensor: string;
  events: number;
  rejects: number;
  /** Epoch ms of the last line seen from this sensor. */
  lastSeen: number;
}

export interface IngestStats {
  readonly listeners: readonly ListenerStats[];
  readonly sensors: readonly SensorStats[];
  /** Events decoded, rejected (kept with reason), and durably stored. */
  readonly decoded: number;
  readonly rejected: number;
  readonly stored: number;
  /** Events waiting between decode and store. */
  readonly queueDepth: number;
  /** Events lost: the queue was full (UDP input faster than the store) or the store refused a batch. */
  readonly dropped: number;
}
