import type { Kysely, Selectable } from 'kysely';
import type { TenantScope } from '../../../model/tenant.ts';
import type { AuditEntry, AuditRepo } from '../state-store.ts';
import type { AuditLogTable, Database } from '../schema.ts';
import { whereInScope } from '../scope.ts';
import { ms } from './convert.ts';

export function auditRepo(db: Kysely<Database>): AuditRepo {
  return {
    async append(e: AuditEntry) {
      await db
        .insertInto('audit_log')
        .values({
          at: e.at,
          tenant: e.tenant,
          actor: e.actor,
          action: e.action,
          target: e.target ?? null,
          detail: e.detail === undefined ? null : JSON.stringify(e.detail),
          ip: e.ip ?? null,
        })
        .execute();
    },

    /** Newest first. Centre-wide entries (`*`) are only visible to an all-tenant scope. */
    async list(scope: TenantScope, q: { from: number; to: number; limit: number }) {
      const rows = await whereInScope(db.selectFrom('audit_log').selectAll(), scope, 'tenant')
        .where('at', '>=', q.from)
        .where('at', '<', q.to)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .execute();
      return rows.map(toEntry);
    },
  };
}

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    at: ms(r.at),
    tenant: r.tenant,
    actor: r.actor,
    action: r.action,
    ...(r.target === null ? {} : { target: r.target }),
    ...(r.detail === null ? {} : { detail: r.detail }),
    ...(r.ip === null ? {} : { ip: r.ip }),
  };
}
