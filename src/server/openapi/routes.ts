import { z } from 'zod';
import type { RegisterRoutes } from '../types.ts';

/**
 * Public on purpose: the document describes the API's shape, which the open-source code already
 * publishes, and holds no data. Tools (the console's type generator, API clients) can then read
 * it without credentials.
 */
export const openApiRoutes: RegisterRoutes = (app) => {
  app.get(
    '/api/v1/openapi.json',
    {
      config: { public: true },
      schema: {
        summary: 'This OpenAPI 3.1 document',
        tags: ['meta'],
        security: [],
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
};
