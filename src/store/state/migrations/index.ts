import { Migrator, NO_MIGRATIONS, type Kysely, type Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_alerts.ts';

/**
 * Every migration, listed by hand in order. A static list rather than a folder scan so the
 * migrations travel inside a bundle and the order is reviewed in one place.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_alerts': m0002,
};

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Bring the schema up to the newest migration; used on every open. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`state migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Undo every migration (tests check that `down` is the inverse of `up`). */
export async function migrateToEmpty(db: Kysely<unknown>): Promise<void> {
  const { error } = await migrator(db).migrateTo(NO_MIGRATIONS);
  if (error !== undefined) throw new MigrationError(`state migration down failed: ${(error as Error).message}`, { cause: error });
}

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
}
