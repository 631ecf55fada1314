import type { FastifyContextConfig, FastifyRequest } from 'fastify';
import { ALL_TENANTS, narrowScope } from '../../model/tenant.ts';
import { fail } from '../errors.ts';
import type { AuthContext, Deps } from '../types.ts';
import { authenticate, type Principal } from './authenticate.ts';
import { rejectNonJson } from './csrf.ts';
import { atLeast, isEmptyScope, roleIn, scopeFor } from './grants.ts';

/**
 * The one gate every request passes (an onRequest hook on the root instance). Deny by default:
 * a route is protected unless it says `config: { public: true }`; the web console's static files
 * are marked public where they are registered, and unknown paths fall to the 404 handler, which
 * serves no data. For protected routes it authenticates, checks the route's declared role, and
 * computes the tenant scope that every store call of the route then uses.
 */
export function authHook(deps: Deps) {
  return async (request: FastifyRequest): Promise<void> => {
    rejectNonJson(request);
    const config = request.routeOptions.config;
    if (config.public === true || request.is404) return;
    const principal = await authenticate(request, deps);
    if (principal === undefined) fail('VAERN_ERR_UNAUTHENTICATED');
    request.auth = authorize(principal, config, tenantParam(request));
  };
}

/** Build the request's AuthContext from the caller's grants and the route's requirement. */
export function authorize(principal: Principal, config: FastifyContextConfig, tenant: string | undefined): AuthContext {
  const { grants } = principal;
  const role = config.role ?? 'viewer';
  let scope;
  if (config.centre === true) {
    if (!atLeast(roleIn(grants, '*'), role)) fail('VAERN_ERR_FORBIDDEN');
    scope = ALL_TENANTS;
  } else {
    scope = scopeFor(grants, role);
    if (config.role !== undefined && isEmptyScope(scope)) fail('VAERN_ERR_FORBIDDEN');
  }
  if (tenant !== undefined) {
    // Narrows, never widens: a tenant outside the caller's scope is refused, whether it exists or not.
    scope = narrowScope(scope, tenant);
    if (isEmptyScope(scope)) fail('VAERN_ERR_FORBIDDEN', 'No access to that tenant');
  }
  return {
    user: principal.user,
    via: principal.via,
    ...(principal.tokenId === undefined ? {} : { tokenId: principal.tokenId }),
    grants,
    scope,
    isCentre: grants.some((g) => g.tenant === '*'),
    roleIn: (t) => roleIn(grants, t),
  };
}

function tenantParam(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const tenant = query?.['tenant'];
  if (tenant === undefined) return undefined;
  if (typeof tenant !== 'string') fail('VAERN_ERR_VALIDATION', 'tenant: expected one tenant id');
  return tenant;
}

/** The caller of a protected route. The hook guarantees it; this narrows the type. */
export function authOf(request: FastifyRequest): AuthContext {
  if (request.auth === null) fail('VAERN_ERR_UNAUTHENTICATED');
  return request.auth;
}

/** For changes aimed at one tenant named in the body: the caller must hold `role` there. */
export function requireRoleIn(auth: AuthContext, tenant: string, role: 'admin' | 'analyst' | 'viewer'): void {
  if (!atLeast(auth.roleIn(tenant), role)) fail('VAERN_ERR_FORBIDDEN');
}
