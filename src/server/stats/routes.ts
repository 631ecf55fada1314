import { z } from 'zod';
import { authOf } from '../auth/hook.ts';
import { protectedErrors } from '../errors.ts';
import { IntParam, iso, resolveRange, ScopedTimeRangeQuery } from '../schemas.ts';
import type { RegisterRoutes } from '../types.ts';

const BreachQuery = ScopedTimeRangeQuery.extend({
  by: z.enum(['country', 'day', 'asn']).default('country').describe('Group by source country, UTC day, or source AS'),
  limit: IntParam(1, 1000).default(100).describe('Top N buckets (country, asn)'),
});

const BreachAttempts = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['country', 'day', 'asn']),
  total: z.number().int().describe('All breach attempts in the range, also those outside the top N'),
  rows: z.array(
    z.object({
      key: z.string().describe('Country code, ISO day, or AS number'),
      label: z.string().optional().describe('AS organisation, for `asn`'),
      count: z.number().int(),
      sources: z.number().int().describe('Distinct source addresses'),
    }),
  ),
});

/**
 * "How many tried to get in?": denied connections from outside, grouped. Counts only, so
 * viewers (managers, politicians' reports) may read it.
 */
export const statsRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/stats/breach-attempts',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Breach attempts (denied inbound) by country, day or AS',
        tags: ['stats'],
        querystring: BreachQuery,
        response: { 200: BreachAttempts, ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { from, to } = resolveRange(request.query, deps.now());
      const filter = { scope: auth.scope, from, to, breachAttempts: true };
      const { by, limit } = request.query;
      const [total, rows] = await Promise.all([deps.events.count(filter), deps.events.aggregate({ ...filter, by, limit })]);
      return {
        from: iso(from),
        to: iso(to),
        by,
        total,
        rows: rows.map((r) => ({ key: r.key, count: r.count, sources: r.sources, ...(r.label === undefined ? {} : { label: r.label }) })),
      };
    },
  );
};
