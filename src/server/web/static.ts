import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorBody } from '../errors.ts';
import type { App } from '../types.ts';

/** Paths that belong to the API: never answered with the console's index.html. */
function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/metrics');
}

/**
 * Serve the built web console from `webRoot`, and answer unknown non-API GETs with its
 * index.html so client-side routes (`/events`, `/sensors/…`) survive a reload. The console's
 * files are public (they hold no data; the API behind them is protected), so its routes are
 * marked public for the auth hook in an encapsulated context.
 */
export async function registerWeb(app: App, webRoot: string | undefined): Promise<void> {
  const root = webRoot === undefined ? undefined : resolve(webRoot);
  const index = root === undefined ? undefined : join(root, 'index.html');
  const hasIndex = index !== undefined && existsSync(index);
  if (root !== undefined) {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, public: true };
      });
      await scope.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    if (hasIndex && (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path)) {
      // Read per request so a rebuilt console is picked up without a restart; the file is small.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(await readFile(index));
    }
    return reply.code(404).send(errorBody('VAERN_ERR_NOT_FOUND'));
  });
}
