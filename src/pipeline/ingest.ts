import type { VaernEvent } from '../model/event.ts';
import { REJECT_RAW_MAX, type Reject } from '../model/reject.ts';
import type { Enricher } from '../enrich/enricher.ts';
import type { EventStore } from '../store/events/event-store.ts';
import type { FrameBatch } from '../telemetry/listeners/listener.ts';
import { decodeBatch, type BatchResult } from '../telemetry/decode-batch.ts';
import type { DetectCache } from '../telemetry/decoders/registry.ts';
import { UNASSIGNED_TENANT, type SensorResolver } from './sensor-resolver.ts';
import type { IngestStats, ListenerStats, SensorStats } from './stats.ts';

/** What runs on each decoded batch after enrichment: detection, in the server. */
export type BatchObserver = (events: readonly VaernEvent[], now: number) => void;

export interface IngestOptions {
  /** Current sensor mapping; a function because admins change sensors at run time. */
  readonly resolver: () => SensorResolver;
  readonly events: EventStore;
  readonly enrich?: Enricher;
  readonly observe?: BatchObserver;
  readonly listeners?: () => readonly ListenerStats[];
  readonly now?: () => number;
  /** Events held in memory waiting for the store before new input is dropped (and counted). */
  readonly maxQueue?: number;
  /** Events per store append. */
  readonly batchSize?: number;
  readonly onError?: (err: unknown) => void;
}

/**
 * The ingest path: frames from listeners -> tenant and sensor -> decode -> enrich -> observe
 * (detection) -> bounded queue -> event store.
 *
 * Decode, enrich and detection run synchronously on the batch that arrived, so a batch crosses
 * each stage once and no per-event promise is created. Only the store append is asynchronous; a
 * single writer drains the queue in store-sized batches, so appends never interleave.
 */
export class IngestPipeline {
  private readonly opts: IngestOptions;
  private readonly now: () => number;
  private readonly maxQueue: number;
  private readonly batchSize: number;
  private queue: VaernEvent[] = [];
  private rejectQueue: Reject[] = [];
  private writing: Promise<void> | undefined;
  private readonly sensorStats = new Map<string, SensorStats>();
  /** Format auto-detection remembers each sensor's last format: a sensor rarely changes it. */
  private readonly detectCaches = new Map<string, DetectCache>();
  private decoded = 0;
  private rejected = 0;
  private stored = 0;
  private dropped = 0;

  constructor(opts: IngestOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.maxQueue = opts.maxQueue ?? 500_000;
    this.batchSize = opts.batchSize ?? 10_000;
  }

  /** A listener's batch of raw syslog frames. Never throws: bad input becomes rejects. */
  acceptFrames(batch: FrameBatch): void {
    const sensor = this.opts.resolver().resolve(batch.peer, batch.listener);
    const origin = `${batch.listener}:${batch.peer}`;
    if (sensor === undefined) {
      const reason = `no sensor matches sender ${batch.peer} on listener ${batch.listener}, and the listener has no default tenant`;
      const rejects = batch.frames.map((raw) => ({ receivedAt: batch.receivedAt, tenant: UNASSIGNED_TENANT, sensor: batch.peer, origin, format: 'none', reason, raw: raw.slice(0, REJECT_RAW_MAX) }));
      this.acceptDecoded([], [...rejects, ...framingRejects(batch, UNASSIGNED_TENANT, batch.peer, origin)], { tenant: UNASSIGNED_TENANT, sensor: batch.peer });
      return;
    }
    let decoded: BatchResult;
    try {
      decoded = decodeBatch(batch.frames, {
        tenant: sensor.tenant,
        sensor: sensor.sensor,
        format: sensor.format,
        origin,
        receivedAt: batch.receivedAt,
        detectCache: this.detectCacheOf(sensor.tenant, sensor.sensor),
      });
    } catch (err) {
      // Only a sensor configured with an unknown format gets here: keep its lines with the reason.
      const reason = `sensor ${sensor.sensor}: ${(err as Error).message}`;
      decoded = { events: [], rejects: batch.frames.map((raw) => ({ receivedAt: batch.receivedAt, tenant: sensor.tenant, sensor: sensor.sensor, origin, format: sensor.format, reason, raw: raw.slice(0, REJECT_RAW_MAX) })) };
    }
    for (const r of framingRejects(batch, sensor.tenant, sensor.sensor, origin)) decoded.rejects.push(r);
    this.acceptDecoded(decoded.events, decoded.rejects, sensor);
  }

  /** Events already decoded elsewhere (NetFlow collector, file ingest). */
  acceptDecoded(events: VaernEvent[], rejects: readonly Reject[], sensor: { tenant: string; sensor: string }): void {
    const now = this.now();
    try {
      if (events.length > 0) {
        this.opts.enrich?.enrich(events);
        this.opts.observe?.(events, now);
      }
    } catch (err) {
      // A failing enricher or detector must not lose the events: store them as they are.
      this.opts.onError?.(err);
    }
    this.decoded += events.length;
    this.rejected += rejects.length;
    const s = this.sensorStat(sensor.tenant, sensor.sensor);
    s.events += events.length;
    s.rejects += rejects.length;
    s.lastSeen = now;

    const room = this.maxQueue - this.queue.length;
    if (events.length > room) {
      this.dropped += events.length - Math.max(0, room);
      events = events.slice(0, Math.max(0, room));
    }
    for (const e of events) this.queue.push(e);
    for (const r of rejects) this.rejectQueue.push(r);
    this.kick();
  }

  /** Resolves when everything accepted so far is in the store. */
  async flush(): Promise<void> {
    while (this.writing !== undefined || this.queue.length > 0 || this.rejectQueue.length > 0) {
      this.kick();
      await this.writing;
    }
  }

  stats(): IngestStats {
    return {
      listeners: this.opts.listeners?.() ?? [],
      sensors: [...this.sensorStats.values()],
      decoded: this.decoded,
      rejected: this.rejected,
      stored: this.stored,
      queueDepth: this.queue.length,
      dropped: this.dropped,
    };
  }

  private sensorStat(tenant: string, sensor: string): SensorStats {
    const key = `${tenant}\u0000${sensor}`;
    let s = this.sensorStats.get(key);
    if (s === undefined) this.sensorStats.set(key, (s = { tenant, sensor, events: 0, rejects: 0, lastSeen: 0 }));
    return s;
  }

  private detectCacheOf(tenant: string, sensor: string): DetectCache {
    const key = `${tenant}\u0000${sensor}`;
    let c = this.detectCaches.get(key);
    if (c === undefined) this.detectCaches.set(key, (c = {}));
    return c;
  }

  private kick(): void {
    if (this.writing !== undefined) return;
    if (this.queue.length === 0 && this.rejectQueue.length === 0) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      if (this.queue.length > 0 || this.rejectQueue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 || this.rejectQueue.length > 0) {
      const events = this.queue.length <= this.batchSize ? this.queue : this.queue.slice(0, this.batchSize);
      this.queue = events === this.queue ? [] : this.queue.slice(this.batchSize);
      const rejects = this.rejectQueue;
      this.rejectQueue = [];
      try {
        if (events.length > 0) await this.opts.events.appendBatch(events);
        this.stored += events.length;
        if (rejects.length > 0) await this.opts.events.appendRejects(rejects);
      } catch (err) {
        // The store refused the batch (disk full, schema bug): count it as dropped, keep going.
        this.dropped += events.length;
        this.opts.onError?.(err);
      }
    }
  }
}

/** Framing problems (oversized frame, bad octet count) are kept like any other bad input. */
function framingRejects(batch: FrameBatch, tenant: string, sensor: string, origin: string): Reject[] {
  return (batch.rejects ?? []).map((r) => ({ receivedAt: batch.receivedAt, tenant, sensor, origin, format: 'framing', reason: r.reason, raw: r.raw.slice(0, REJECT_RAW_MAX) }));
}
