import { z } from 'zod';
import { recordRead } from '../audit/record.ts';
import { authOf } from '../auth/hook.ts';
import { protectedErrors } from '../errors.ts';
import { IntParam, resolveRange, ScopedTimeRangeQuery } from '../schemas.ts';
import type { RegisterRoutes } from '../types.ts';
import { RejectSchema } from '../../model/reject.ts';

/** Input that could not be decoded, with its reason. Raw lines may hold personal data: analysts only, audited. */
export const rejectRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/rejects',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Rejected input, newest first',
        tags: ['events'],
        querystring: ScopedTimeRangeQuery.extend({ limit: IntParam(1, 1000).default(100) }),
        response: { 200: z.object({ rejects: z.array(RejectSchema) }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { from, to } = resolveRange(request.query, deps.now());
      const rejects = await deps.events.rejects({ scope: auth.scope, from, to, limit: request.query.limit });
      await recordRead(deps, request, auth.scope, 'rejects.read', { from, to, returned: rejects.length });
      return { rejects };
    },
  );
};
