import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { App } from '../types.ts';

/**
 * OpenAPI 3.1, generated from the routes' zod schemas, so the document cannot drift from what the
 * server validates. Must be registered before any route: it collects them in an onRoute hook.
 */
export async function registerOpenApi(app: App, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vaern API',
        version,
        description: 'HTTP API of Vaern. Errors are `{ error: { code, message } }` with a VAERN_ERR_* code.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vaern_session', description: 'Set by POST /api/v1/auth/login' },
          token: { type: 'http', scheme: 'bearer', description: 'API token `vaern_…` from POST /api/v1/tokens' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
}
