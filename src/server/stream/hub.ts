import { inScope, type TenantScope } from '../../model/tenant.ts';
import type { IngestStats } from '../../pipeline/stats.ts';
import type { EmitFn } from '../types.ts';

/** A connected console: its scope, and how to write to it. */
export interface Subscriber {
  readonly scope: TenantScope;
  /** Write one SSE frame; false when the client is too slow and was dropped. */
  write(frame: string): boolean;
  close(): void;
}

export interface StreamHubOptions {
  readonly stats: () => IngestStats;
  readonly now: () => number;
  /** How often each subscriber gets a `stats` event. */
  readonly statsEveryMs?: number;
  /** How often a comment line keeps idle proxies from closing the connection. */
  readonly heartbeatEveryMs?: number;
}

export interface StreamHub {
  readonly emit: EmitFn;
  /** Adds a subscriber; returns the function that removes it. */
  subscribe(s: Subscriber): () => void;
  /** Ends every stream (server shutdown). */
  closeAll(): void;
  readonly size: number;
}

const EVENT_TYPE = /^[a-z][a-z0-9._-]{0,63}$/;

/** One SSE frame. JSON.stringify never emits a raw newline, so `data` stays on one line. */
export function sseFrame(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Ingest counters as one subscriber may see them: its tenants' sensors only; totals only centre-wide. */
export function statsFor(stats: IngestStats, scope: TenantScope, at: number): Record<string, unknown> {
  const sensors = stats.sensors.filter((s) => inScope(scope, s.tenant));
  return {
    at,
    events: sensors.reduce((n, s) => n + s.events, 0),
    rejects: sensors.reduce((n, s) => n + s.rejects, 0),
    sensors: sensors.map((s) => ({ tenant: s.tenant, sensor: s.sensor, events: s.events, rejects: s.rejects, lastSeen: s.lastSeen })),
    ...(scope.kind === 'all' ? { decoded: stats.decoded, rejected: stats.rejected, stored: stats.stored, queueDepth: stats.queueDepth } : {}),
  };
}

/**
 * Server-sent events fan-out. One timer for all subscribers (not one per connection), running
 * only while someone is connected. Events pushed with `emit` reach only subscribers whose scope
 * includes the tenant: the stream obeys the same tenancy as every other route.
 */
export function createStreamHub(opts: StreamHubOptions): StreamHub {
  const statsEvery = opts.statsEveryMs ?? 5_000;
  const heartbeatEvery = opts.heartbeatEveryMs ?? 15_000;
  const subscribers = new Set<Subscriber>();
  let timer: NodeJS.Timeout | undefined;
  let lastHeartbeat = 0;

  const tick = (): void => {
    const now = opts.now();
    const stats = opts.stats();
    const heartbeat = now - lastHeartbeat >= heartbeatEvery;
    if (heartbeat) lastHeartbeat = now;
    for (const s of subscribers) {
      if (heartbeat) s.write(': heartbeat\n\n');
      s.write(sseFrame('stats', statsFor(stats, s.scope, now)));
    }
  };

  const stopTimerIfIdle = (): void => {
    if (subscribers.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    emit(tenant, type, data) {
      if (!EVENT_TYPE.test(type)) throw new TypeError(`stream event type must match ${EVENT_TYPE.source}: ${type}`);
      const frame = sseFrame(type, { tenant, data });
      let delivered = 0;
      for (const s of subscribers) {
        if (inScope(s.scope, tenant) && s.write(frame)) delivered++;
      }
      return delivered;
    },
    subscribe(s) {
      subscribers.add(s);
      if (timer === undefined) {
        timer = setInterval(tick, statsEvery);
        timer.unref();
      }
      return () => {
        subscribers.delete(s);
        stopTimerIfIdle();
      };
    },
    closeAll() {
      for (const s of [...subscribers]) s.close();
      subscribers.clear();
      stopTimerIfIdle();
    },
    get size() {
      return subscribers.size;
    },
  };
}
