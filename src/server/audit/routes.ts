import { z } from 'zod';
import { authOf } from '../auth/hook.ts';
import { protectedErrors } from '../errors.ts';
import { IntParam, resolveRange, ScopedTimeRangeQuery } from '../schemas.ts';
import type { RegisterRoutes } from '../types.ts';

const AuditRecord = z.object({
  at: z.number().int(),
  tenant: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  ip: z.string().optional(),
});

/** The audit log, for admins of the tenants it concerns; centre-wide entries (`*`) for centre admins. */
export const auditRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/audit',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Audit log, newest first',
        tags: ['audit'],
        querystring: ScopedTimeRangeQuery.extend({ limit: IntParam(1, 1000).default(100) }),
        response: { 200: z.object({ entries: z.array(AuditRecord) }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { from, to } = resolveRange(request.query, deps.now());
      return { entries: await deps.state.audit.list(auth.scope, { from, to, limit: request.query.limit }) };
    },
  );
};
