import ipaddr from 'ipaddr.js';
import type { AlertUpdate } from '../detect/alert.ts';
import { parseDetectConfig, type DetectConfig } from '../detect/config.ts';
import type { SuppressionRule } from '../detect/dedup.ts';
import { createDetectionEngine, type DetectionEngine } from '../detect/engine.ts';
import type { VaernEvent } from '../model/event.ts';
import { ALL_TENANTS } from '../model/tenant.ts';
import type { BatchObserver } from '../pipeline/ingest.ts';
import type { DetectionLink, EmitFn } from '../server/types.ts';
import type { StateStore, Suppression } from '../store/state/state-store.ts';

const EVICT_EVERY_MS = 60_000;

export interface DetectionOptions {
  readonly state: StateStore;
  /** Defaults to src/detect/defaults.yaml. */
  readonly config?: DetectConfig;
  readonly onError: (err: unknown) => void;
  /** Wall clock, for loading state at start. */
  readonly now?: () => number;
}

/** Detection in the running server: fed by the ingest pipeline, persisting to the state store. */
export interface LiveDetection {
  /** The pipeline's hook: runs the engine on each enriched batch. Never throws. */
  readonly observe: BatchObserver;
  /** Handed to the HTTP app so analysts' changes reach the engine. */
  readonly link: DetectionLink;
  readonly engine: DetectionEngine;
  /** Where alert notifications go; set once the HTTP app (and its stream hub) exists. */
  setEmitter(emit: EmitFn): void;
  /** Resolves when every alert update so far is in the store. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start detection: the engine with the given (default) config, deduplication seeded with the
 * stored active alerts so an alert carries on across restarts, and the stored suppression rules.
 *
 * Alert updates are written by a single writer, coalesced by alert id while the store is busy (a
 * slow store costs memory per alert, not per update); notifications go out after the write, so
 * a console that reloads on `alert` finds the alert stored. Store errors are reported, not thrown:
 * detection must never stop ingest.
 */
export async function startDetection(opts: DetectionOptions): Promise<LiveDetection> {
  const config = opts.config ?? parseDetectConfig();
  const wall = opts.now ?? Date.now;
  const engine = createDetectionEngine(config);
  const { state } = opts;
  engine.dedup.seed(await state.alerts.listActive(ALL_TENANTS, wall() - config.dedup.windowMs));
  const loadSuppressions = async (): Promise<void> => {
    const stored = await state.suppressions.list(ALL_TENANTS, wall());
    engine.dedup.setSuppressions([...config.suppressions, ...stored.map(toRule)]);
  };
  await loadSuppressions();

  const clock = eventClock();
  let emit: EmitFn | undefined;
  let pending = new Map<string, AlertUpdate>();
  let writing: Promise<void> | undefined;

  const write = async (): Promise<void> => {
    while (pending.size > 0) {
      const batch = [...pending.values()];
      pending = new Map();
      try {
        await state.alerts.upsert(batch.map((u) => u.alert));
        for (const { kind, alert } of batch) emit?.(alert.tenant, 'alert', { id: alert.id, kind, severity: alert.severity, title: alert.title });
      } catch (err) {
        opts.onError(err);
      }
    }
  };
  const kick = (): void => {
    writing ??= write().finally(() => {
      writing = undefined;
    });
  };

  const evictor = setInterval(() => engine.evict(clock.now()), EVICT_EVERY_MS);
  evictor.unref();

  const flush = async (): Promise<void> => {
    while (writing !== undefined || pending.size > 0) {
      kick();
      await writing;
    }
  };

  return {
    engine,
    observe(events, wallNow) {
      try {
        const updates = engine.process(events, clock.advance(events, wallNow));
        for (const u of updates) {
          // An alert created and updated before the write is still news as `created`.
          const kind = pending.get(u.alert.id)?.kind === 'created' ? 'created' : u.kind;
          pending.set(u.alert.id, { kind, alert: u.alert });
        }
        if (updates.length > 0) kick();
      } catch (err) {
        opts.onError(err);
      }
    },
    link: {
      alertStatusChanged(changes) {
        // Only a close (and undoing one) matters to deduplication: a closed alert takes no more
        // findings. Acknowledging needs nothing, as the store keeps the analyst's status on upsert;
        // seeding it would also swap the engine's newer copy for the stored one.
        engine.dedup.seed(changes.filter((c) => c.alert.status === 'closed' || c.previous === 'closed').map((c) => c.alert));
      },
      suppressionsChanged: () => loadSuppressions().catch(opts.onError),
    },
    setEmitter(fn) {
      emit = fn;
    },
    flush,
    async stop() {
      clearInterval(evictor);
      await flush();
    },
  };
}

/**
 * The engine's clock. Detectors and deduplication run on event time (replays pass event time as
 * `now`), while the pipeline hands over wall time. Live, the two agree; during a backfill or when
 * a sensor catches up they do not. So `now` is the newest event time seen, capped at wall time (a
 * sensor with its clock in the future cannot push eviction ahead) and never going back (a late
 * batch does not rewind the windows of the others).
 */
function eventClock() {
  let current = 0;
  return {
    now: () => current,
    advance(events: readonly VaernEvent[], wallNow: number): number {
      let newest = current;
      for (const e of events) if (e['@timestamp'] > newest) newest = e['@timestamp'];
      current = Math.min(newest, Math.max(current, wallNow));
      return current;
    },
  };
}

/** A stored rule as deduplication applies it: an IP or CIDR matches related addresses, anything else a host or the exact entity. */
function toRule(s: Suppression): SuppressionRule {
  const isAddress = ipaddr.isValid(s.entity) || ipaddr.isValidCIDR(s.entity);
  return {
    id: s.id,
    tenant: s.tenant,
    ...(s.detector === null ? {} : { detector: s.detector }),
    match: isAddress ? { ip: s.entity } : { host: s.entity },
    reason: s.reason,
    owner: s.owner,
    expiresAt: s.expiresAt,
  };
}
