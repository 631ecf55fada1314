import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from './events/event-store.ts';
import type { StateStore } from './state/state-store.ts';
import { openDuckDbEventStore } from './events/duckdb.ts';
import { openPgliteStateStore } from './state/pglite.ts';

export interface EmbeddedStores {
  readonly state: StateStore;
  readonly events: EventStore;
  /** Flush and close both stores. */
  close(): Promise<void>;
}

/**
 * Both embedded stores under one data directory: `<dataDir>/state/` (PGlite) and
 * `<dataDir>/events.duckdb` (DuckDB). Opened in parallel: PGlite takes seconds on a new directory.
 */
export async function openEmbeddedStores(dataDir: string): Promise<EmbeddedStores> {
  await mkdir(dataDir, { recursive: true });
  const [state, events] = await Promise.allSettled([openPgliteStateStore({ dataDir: join(dataDir, 'state') }), openDuckDbEventStore({ path: join(dataDir, 'events.duckdb') })]);
  if (state.status === 'rejected' || events.status === 'rejected') {
    // Close whichever did open, so a half-open pair does not hold file locks.
    await Promise.allSettled([state.status === 'fulfilled' ? state.value.close() : undefined, events.status === 'fulfilled' ? events.value.close() : undefined]);
    throw state.status === 'rejected' ? state.reason : (events as PromiseRejectedResult).reason;
  }
  return {
    state: state.value,
    events: events.value,
    async close() {
      const results = await Promise.allSettled([events.value.close(), state.value.close()]);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    },
  };
}
