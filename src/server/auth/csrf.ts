import type { FastifyRequest } from 'fastify';
import { fail } from '../errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery defence, without tokens. Two facts make it sufficient:
 * - the session cookie is SameSite=Strict, so browsers do not attach it to requests started by
 *   another site;
 * - a cross-site page can only send a "simple" request without a CORS preflight, and simple
 *   requests cannot carry `Content-Type: application/json`. The API takes JSON only, so any
 *   state-changing request with another content type (form posts, text/plain beacons) is refused
 *   here, before authentication, and a body without a content type is refused too.
 * Requests without a body (DELETE, logout) stay possible; SameSite covers them.
 */
export function rejectNonJson(request: FastifyRequest): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const type = request.headers['content-type'];
  if (type === undefined) {
    const length = request.headers['content-length'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (hasBody) fail('VAERN_ERR_UNSUPPORTED_MEDIA_TYPE');
    return;
  }
  const media = type.split(';', 1)[0]!.trim().toLowerCase();
  if (media !== 'application/json') fail('VAERN_ERR_UNSUPPORTED_MEDIA_TYPE');
}
