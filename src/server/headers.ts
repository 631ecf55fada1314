import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Response headers that cost nothing and close classic holes: no MIME sniffing, no framing
 * (clickjacking), no referrer leak of console URLs, and no caching of API answers, which carry
 * tenant data, by shared caches or the browser.
 */
export async function securityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  if (request.url.startsWith('/api/') || request.url.startsWith('/metrics')) {
    reply.header('cache-control', 'no-store');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  } else {
    reply.header('content-security-policy', "frame-ancestors 'none'");
  }
  return payload;
}
