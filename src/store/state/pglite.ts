import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { StateStore } from './state-store.ts';
import type { Database } from './schema.ts';
import { kyselyStateStore } from './kysely-state-store.ts';

export interface PgliteStateStoreOptions {
  /** Directory for the database files; undefined keeps everything in memory (tests, demos). */
  readonly dataDir?: string;
}

/** The embedded state store: PGlite (PostgreSQL in WebAssembly) in-process, migrated on open. */
export async function openPgliteStateStore(opts: PgliteStateStoreOptions = {}): Promise<StateStore> {
  if (opts.dataDir !== undefined) await mkdir(opts.dataDir, { recursive: true });
  const pg = await PGlite.create(opts.dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pg) });
  try {
    return await kyselyStateStore(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
