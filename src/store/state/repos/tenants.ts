import type { Kysely, Selectable } from 'kysely';
import type { TenantScope } from '../../../model/tenant.ts';
import type { Tenant, TenantRepo } from '../state-store.ts';
import type { Database, TenantsTable } from '../schema.ts';
import { guarded } from '../errors.ts';
import { whereInScope } from '../scope.ts';
import { ms } from './convert.ts';

export function tenantRepo(db: Kysely<Database>): TenantRepo {
  return {
    async list(scope: TenantScope) {
      const rows = await whereInScope(db.selectFrom('tenants').selectAll(), scope, 'id').orderBy('id').execute();
      return rows.map(toTenant);
    },

    async get(scope: TenantScope, id: string) {
      const row = await whereInScope(db.selectFrom('tenants').selectAll().where('id', '=', id), scope, 'id').executeTakeFirst();
      return row === undefined ? undefined : toTenant(row);
    },

    async upsert(t: Omit<Tenant, 'createdAt'>) {
      const networks = JSON.stringify(t.networks);
      const row = await guarded(
        db
          .insertInto('tenants')
          .values({ id: t.id, name: t.name, country: t.country, networks, created_at: Date.now() })
          // created_at keeps the first insert's time: the tenant has existed since then.
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: t.name, country: t.country, networks }))
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toTenant(row);
    },
  };
}

function toTenant(r: Selectable<TenantsTable>): Tenant {
  return { id: r.id, name: r.name, country: r.country, networks: r.networks, createdAt: ms(r.created_at) };
}
