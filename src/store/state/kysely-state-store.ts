import type { Kysely } from 'kysely';
import type { StateStore } from './state-store.ts';
import type { Database } from './schema.ts';
import { migrateToLatest } from './migrations/index.ts';
import { tenantRepo } from './repos/tenants.ts';
import { userRepo } from './repos/users.ts';
import { sessionRepo } from './repos/sessions.ts';
import { apiTokenRepo } from './repos/tokens.ts';
import { sensorRepo } from './repos/sensors.ts';
import { auditRepo } from './repos/audit.ts';
import { alertRepo } from './repos/alerts.ts';
import { suppressionRepo } from './repos/suppressions.ts';

/**
 * A StateStore over any Kysely PostgreSQL-dialect connection: PGlite now, node-postgres later.
 * Runs the migrations first. `close` destroys the Kysely instance, which closes the driver.
 */
export async function kyselyStateStore(db: Kysely<Database>): Promise<StateStore> {
  await migrateToLatest(db as Kysely<unknown>);
  return {
    tenants: tenantRepo(db),
    users: userRepo(db),
    sessions: sessionRepo(db),
    tokens: apiTokenRepo(db),
    sensors: sensorRepo(db),
    audit: auditRepo(db),
    alerts: alertRepo(db),
    suppressions: suppressionRepo(db),
    close: () => db.destroy(),
  };
}
