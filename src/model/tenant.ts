/**
 * Tenancy: which municipalities a caller may see.
 *
 * Every query to a store takes a `TenantScope`. It is built once per request from the caller's
 * roles (src/server/auth) and applied in one place inside each store adapter, so no route can
 * forget it.
 */
export type TenantScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'tenants'; readonly tenants: readonly string[] };

export const ALL_TENANTS: TenantScope = Object.freeze({ kind: 'all' });

export function scopeOf(tenants: readonly string[]): TenantScope {
  return Object.freeze({ kind: 'tenants', tenants: Object.freeze([...new Set(tenants)]) });
}

export function inScope(scope: TenantScope, tenant: string): boolean {
  return scope.kind === 'all' || scope.tenants.includes(tenant);
}

/** Narrow a scope to one tenant, or to nothing when the tenant is outside it. */
export function narrowScope(scope: TenantScope, tenant: string | undefined): TenantScope {
  if (tenant === undefined) return scope;
  return scopeOf(inScope(scope, tenant) ? [tenant] : []);
}

/** Tenant ids are slugs: lower-case letters, digits and dashes, as used in URLs and configs. */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
