import { z } from 'zod';
import type { RegisterRoutes } from '../types.ts';
import { VERSION } from '../version.ts';

/** Liveness for load balancers and `vaern doctor`; public, and says nothing about tenants. */
export const healthRoutes: RegisterRoutes = (app, deps) => {
  const startedAt = deps.now();
  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness',
        tags: ['meta'],
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number().int() }),
        },
      },
    },
    async () => ({ status: 'ok' as const, version: VERSION, uptimeSeconds: Math.max(0, Math.floor((deps.now() - startedAt) / 1000)) }),
  );
};
