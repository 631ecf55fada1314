import { sql, type Expression, type SqlBool } from 'kysely';
import type { TenantScope } from '../../model/tenant.ts';

/** Any Kysely builder with a `where` (select, update, delete). */
interface Filterable<Q> {
  where(condition: Expression<SqlBool>): Q;
}

/**
 * The one place a TenantScope becomes SQL in the state store: every repository's scoped query
 * goes through here. `column` is a column reference written in the repository, never input.
 * An empty tenant list matches nothing.
 */
export function whereInScope<Q extends Filterable<Q>>(qb: Q, scope: TenantScope, column: string): Q {
  if (scope.kind === 'all') return qb;
  if (scope.tenants.length === 0) return qb.where(sql<SqlBool>`false`);
  return qb.where(sql<SqlBool>`${sql.ref(column)} in (${sql.join(scope.tenants)})`);
}
