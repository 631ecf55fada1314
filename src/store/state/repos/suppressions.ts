import type { Kysely, Selectable } from 'kysely';
import type { TenantScope } from '../../../model/tenant.ts';
import type { Suppression, SuppressionRepo } from '../state-store.ts';
import type { Database, SuppressionsTable } from '../schema.ts';
import { whereInScope } from '../scope.ts';
import { ms } from './convert.ts';

export function suppressionRepo(db: Kysely<Database>): SuppressionRepo {
  return {
    async list(scope: TenantScope, now: number) {
      const rows = await whereInScope(db.selectFrom('suppressions').selectAll(), scope, 'tenant')
        .where('expires_at', '>', now)
        .orderBy('tenant')
        .orderBy('created_at')
        .execute();
      return rows.map(toSuppression);
    },

    async history(scope: TenantScope, limit: number) {
      const rows = await whereInScope(db.selectFrom('suppressions').selectAll(), scope, 'tenant')
        .orderBy('expires_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSuppression);
    },

    async create(s, at) {
      const row = await db
        .insertInto('suppressions')
        .values({ id: crypto.randomUUID(), tenant: s.tenant, detector: s.detector, entity: s.entity, reason: s.reason, owner: s.owner, created_at: at, expires_at: s.expiresAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSuppression(row);
    },

    async delete(scope: TenantScope, id: string) {
      const row = await whereInScope(db.deleteFrom('suppressions').where('id', '=', id), scope, 'tenant').returningAll().executeTakeFirst();
      return row === undefined ? undefined : toSuppression(row);
    },
  };
}

function toSuppression(r: Selectable<SuppressionsTable>): Suppression {
  return {
    id: r.id,
    tenant: r.tenant,
    detector: r.detector,
    entity: r.entity,
    reason: r.reason,
    owner: r.owner,
    createdAt: ms(r.created_at),
    expiresAt: ms(r.expires_at),
  };
}
