import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Suppression } from '../../store/state/state-store.ts';
import { recordAudit } from '../audit/record.ts';
import { atLeast } from '../auth/grants.ts';
import { authOf, requireRoleIn } from '../auth/hook.ts';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { DAY_MS, TenantId } from '../schemas.ts';
import type { Deps, RegisterRoutes } from '../types.ts';
import { CreateSuppression, SuppressionRecord, suppressionRecord } from './schemas.ts';

/** Longest a rule may run: suppressions expire so nothing is silenced forever by accident. */
const MAX_SUPPRESSION_MS = 366 * DAY_MS;

/** Expired rules are never deleted (they explain why alerts were quiet), so the history is capped. */
const HISTORY_LIMIT = 500;

const ListedSuppression = SuppressionRecord.extend({
  active: z.boolean().describe('Not yet expired'),
  removable: z.boolean().describe('The caller may remove it (analyst in its tenant; centre analyst for `*`)'),
});

const SuppressionListQuery = z.object({
  tenant: TenantId.optional(),
  include: z.enum(['active', 'all']).default('active').describe('`all` adds expired rules, latest expiry first'),
});

/**
 * Store a suppression rule, audit it and hand the rules to the running engine. The caller has
 * checked the analyst role in `s.tenant`.
 */
export async function addSuppression(deps: Deps, request: FastifyRequest, s: Omit<Suppression, 'id' | 'createdAt' | 'owner'>): Promise<Suppression> {
  const now = deps.now();
  if (!(s.expiresAt > now)) fail('VAERN_ERR_VALIDATION', '`expiresAt` must be in the future');
  if (s.expiresAt - now > MAX_SUPPRESSION_MS) fail('VAERN_ERR_VALIDATION', 'A suppression may last at most 366 days');
  const suppression = await deps.state.suppressions.create({ ...s, owner: authOf(request).user.username }, now);
  await recordAudit(deps, request, {
    tenant: s.tenant,
    action: 'suppression.create',
    target: suppression.id,
    detail: { detector: s.detector, entity: s.entity, reason: s.reason, expiresAt: s.expiresAt },
  });
  await deps.detection?.suppressionsChanged();
  return suppression;
}

/** Suppression rules: the site's word that a known pattern is benign, with an owner, a reason and an expiry. */
export const suppressionRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/suppressions',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Suppression rules in the tenants you can see: those in force, or with expired ones too',
        tags: ['alerts'],
        querystring: SuppressionListQuery,
        response: { 200: z.object({ suppressions: z.array(ListedSuppression) }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const now = deps.now();
      const rules =
        request.query.include === 'all' ? await deps.state.suppressions.history(auth.scope, HISTORY_LIMIT) : await deps.state.suppressions.list(auth.scope, now);
      return {
        suppressions: rules.map((s) => ({ ...suppressionRecord(s), active: s.expiresAt > now, removable: atLeast(auth.roleIn(s.tenant), 'analyst') })),
      };
    },
  );

  app.post(
    '/api/v1/suppressions',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Add a suppression rule (analyst; `*` needs a centre-wide analyst)',
        tags: ['alerts'],
        body: CreateSuppression,
        response: { 201: z.object({ suppression: SuppressionRecord }), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const { tenant, detector, entity, reason, expiresAt } = request.body;
      requireRoleIn(authOf(request), tenant, 'analyst');
      const suppression = await addSuppression(deps, request, { tenant, detector: detector ?? null, entity, reason, expiresAt });
      return reply.code(201).send({ suppression: suppressionRecord(suppression) });
    },
  );

  app.delete(
    '/api/v1/suppressions/:id',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Remove a suppression rule (analyst)',
        tags: ['alerts'],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const removed = await deps.state.suppressions.delete(authOf(request).scope, request.params.id);
      if (removed === undefined) fail('VAERN_ERR_NOT_FOUND');
      await recordAudit(deps, request, { tenant: removed.tenant, action: 'suppression.delete', target: removed.id, detail: { detector: removed.detector, entity: removed.entity } });
      await deps.detection?.suppressionsChanged();
      return reply.code(204).send(null);
    },
  );
};
