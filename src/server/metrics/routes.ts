import { z } from 'zod';
import { authOf } from '../auth/hook.ts';
import { protectedErrors } from '../errors.ts';
import type { RegisterRoutes } from '../types.ts';
import type { MetricsRenderer } from './registry.ts';

/**
 * `GET /metrics` in Prometheus text format. Not public: the series name tenants and sensors and
 * show traffic volumes, which would tell an attacker which sensors are blind. Prometheus scrapes
 * it with an API token (`authorization: { credentials: vaern_… }` in its scrape config).
 */
export function metricsRoutes(metrics: MetricsRenderer): RegisterRoutes {
  return (app) => {
    app.get(
      '/metrics',
      {
        config: { role: 'viewer' },
        schema: {
          summary: 'Prometheus metrics',
          tags: ['meta'],
          response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } }, ...protectedErrors },
        },
      },
      async (request, reply) => reply.type(metrics.contentType).send(await metrics.render(authOf(request).scope)),
    );
  };
}
