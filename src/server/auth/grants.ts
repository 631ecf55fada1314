import { ALL_TENANTS, scopeOf, type TenantScope } from '../../model/tenant.ts';
import type { Role, RoleGrant } from '../../store/state/state-store.ts';

/**
 * Role arithmetic, in one place: every decision about who may see or change what in which tenant
 * is made from these functions. Roles are ordered: admin > analyst > viewer, and a higher role
 * includes the lower ones. A grant on `*` holds in every tenant.
 */

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

export function atLeast(held: Role | undefined, needed: Role): boolean {
  return held !== undefined && RANK[held] >= RANK[needed];
}

/** Highest role the grants give in `tenant`; for `tenant === '*'` only centre-wide grants count. */
export function roleIn(grants: readonly RoleGrant[], tenant: string): Role | undefined {
  let best: Role | undefined;
  for (const g of grants) {
    if (g.tenant !== tenant && g.tenant !== '*') continue;
    if (best === undefined || RANK[g.role] > RANK[best]) best = g.role;
  }
  return best;
}

/** The tenants where the grants give at least `role`: all of them when a `*` grant does. */
export function scopeFor(grants: readonly RoleGrant[], role: Role): TenantScope {
  if (grants.some((g) => g.tenant === '*' && atLeast(g.role, role))) return ALL_TENANTS;
  return scopeOf(grants.filter((g) => g.tenant !== '*' && atLeast(g.role, role)).map((g) => g.tenant));
}

export function isEmptyScope(scope: TenantScope): boolean {
  return scope.kind === 'tenants' && scope.tenants.length === 0;
}

/**
 * What an API token may do: its own grants, each capped at what its user holds now, so a token
 * never outlives a demotion. A token with no grants of its own acts with all its user's grants.
 */
export function effectiveGrants(userGrants: readonly RoleGrant[], tokenGrants: readonly RoleGrant[]): RoleGrant[] {
  if (tokenGrants.length === 0) return [...userGrants];
  const out: RoleGrant[] = [];
  for (const g of tokenGrants) {
    const held = roleIn(userGrants, g.tenant);
    if (held === undefined) continue;
    out.push({ tenant: g.tenant, role: RANK[held] < RANK[g.role] ? held : g.role });
  }
  return out;
}

/** True when `holder` may hand out `grant`: an admin where it applies (centre-wide for `*`). */
export function mayGrant(holder: readonly RoleGrant[], grant: RoleGrant): boolean {
  return roleIn(holder, grant.tenant) === 'admin';
}

/** True when every grant in `grants` is also held (at least as high) by `holder`. */
export function covers(holder: readonly RoleGrant[], grants: readonly RoleGrant[]): boolean {
  return grants.every((g) => atLeast(roleIn(holder, g.tenant), g.role));
}
