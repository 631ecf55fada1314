import { z } from 'zod';
import { authOf } from '../auth/hook.ts';
import { protectedErrors } from '../errors.ts';
import { TenantId } from '../schemas.ts';
import type { RegisterRoutes } from '../types.ts';
import { sseFrame, statsFor, type StreamHub } from './hub.ts';

/** A client that lets this much pile up unread is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * `GET /api/v1/stream`: server-sent events for the console. Sends `ready` once subscribed, then
 * `stats` every few seconds, heartbeat comments, and whatever the pipeline `emit`s for tenants in
 * the caller's scope (alerts, sensor changes), each as `{ tenant, data }`.
 */
export function streamRoutes(hub: StreamHub): RegisterRoutes {
  return (app, deps) => {
    app.get(
      '/api/v1/stream',
      {
        config: { role: 'viewer' },
        schema: {
          summary: 'Live events (text/event-stream)',
          tags: ['stream'],
          querystring: z.object({ tenant: TenantId.optional() }),
          response: { 200: { description: 'Server-sent events', content: { 'text/event-stream': { schema: z.string() } } }, ...protectedErrors },
        },
      },
      (request, reply) => {
        const { scope } = authOf(request);
        // Taken over from fastify: the response never ends on its own, so it is written raw.
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-content-type-options': 'nosniff',
          // Tell nginx-style proxies not to buffer the stream.
          'x-accel-buffering': 'no',
        });
        const close = (): void => {
          unsubscribe();
          if (!res.destroyed) res.end();
        };
        const unsubscribe = hub.subscribe({
          scope,
          write(frame) {
            if (res.destroyed || res.writableEnded) return false;
            if (res.writableLength > MAX_BUFFERED_BYTES) {
              unsubscribe();
              res.destroy();
              return false;
            }
            res.write(frame);
            return true;
          },
          close,
        });
        request.raw.on('close', unsubscribe);
        res.write('retry: 5000\n\n');
        res.write(sseFrame('ready', statsFor(deps.stats(), scope, deps.now())));
      },
    );
  };
}
