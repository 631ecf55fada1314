import { sql, type Kysely } from 'kysely';

/**
 * Alerts from detection and the suppression rules analysts add.
 *
 * `tenant` is no foreign key in either table: detection may raise alerts for a tenant named only
 * by a listener's default, and a suppression may name `*` (every tenant).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('detector', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'acknowledged', 'closed')`))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('info', 'low', 'medium', 'high', 'critical')`))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('technique_id', 'text', (c) => c.notNull())
    .addColumn('technique_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('related', 'jsonb', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('status_changed_by', 'text')
    .addColumn('status_changed_at', 'bigint')
    .execute();
  // The queue (open alerts of a tenant, newest first) and deduplication's lookup.
  await db.schema.createIndex('alerts_tenant_status_last_seen_idx').on('alerts').columns(['tenant', 'status', 'last_seen']).execute();
  await db.schema.createIndex('alerts_tenant_detector_entity_idx').on('alerts').columns(['tenant', 'detector', 'entity']).execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('detector', 'text')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suppressions_tenant_expires_at_idx').on('suppressions').columns(['tenant', 'expires_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suppressions').execute();
  await db.schema.dropTable('alerts').execute();
}
