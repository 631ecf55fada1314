import type { FastifyRequest } from 'fastify';
import type { TenantScope } from '../../model/tenant.ts';
import type { Deps } from '../types.ts';

export interface AuditFact {
  /** Tenant the action concerns, or `*` for centre-wide actions (sign-in, tenant creation). */
  readonly tenant: string;
  readonly action: string;
  readonly target?: string;
  readonly detail?: Record<string, unknown>;
  /** Who acted; defaults to the signed-in user. Set for sign-in attempts, before there is one. */
  readonly actor?: string;
}

/** Append one audit entry, stamped with the clock, the caller and their address. */
export async function recordAudit(deps: Deps, request: FastifyRequest, fact: AuditFact): Promise<void> {
  const auth = request.auth;
  await deps.state.audit.append({
    at: deps.now(),
    tenant: fact.tenant,
    actor: fact.actor ?? auth?.user.username ?? 'anonymous',
    action: fact.action,
    ...(fact.target === undefined ? {} : { target: fact.target }),
    detail: { ...fact.detail, ...(auth?.via === 'token' ? { token: auth.tokenId } : {}) },
    ip: request.ip,
  });
}

/**
 * GDPR: record who looked at which tenant's events or raw lines, and with what filter. One entry
 * per tenant read, so each municipality's admin sees reads of its own data; `*` when the caller
 * read across all tenants.
 */
export async function recordRead(deps: Deps, request: FastifyRequest, scope: TenantScope, action: string, detail: Record<string, unknown>): Promise<void> {
  const tenants = scope.kind === 'all' ? ['*'] : scope.tenants;
  for (const tenant of tenants) await recordAudit(deps, request, { tenant, action, detail });
}
