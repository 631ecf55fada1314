import { z } from 'zod';
import type { ApiToken } from '../../store/state/state-store.ts';
import { recordAudit } from '../audit/record.ts';
import { covers } from '../auth/grants.ts';
import { authOf } from '../auth/hook.ts';
import { newApiToken, sha256 } from '../auth/secrets.ts';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { DAY_MS, RoleGrantSchema } from '../schemas.ts';
import type { AuthContext, RegisterRoutes } from '../types.ts';

const TokenRecord = z.object({
  id: z.string(),
  name: z.string(),
  grants: z.array(RoleGrantSchema).describe('Empty: acts with all of its user’s grants'),
  createdAt: z.number().int(),
  expiresAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
});

const CreateToken = z.strictObject({
  name: z.string().min(1).max(100),
  grants: z.array(RoleGrantSchema).max(100).default([]).describe('Narrow the token to these grants (each must be yours)'),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Default: never expires'),
});

function tokenRecord(t: ApiToken): z.infer<typeof TokenRecord> {
  return { id: t.id, name: t.name, grants: [...t.grants], createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt };
}

/**
 * Tokens are managed by a signed-in person, never by a token: a leaked token must not be able to
 * mint a longer-lived one for itself.
 */
function requireSession(auth: AuthContext): void {
  if (auth.via !== 'session') fail('VAERN_ERR_SESSION_REQUIRED');
}

/** API tokens for machines (SIEM pulls, scripts, Prometheus), each acting as the user who made it. */
export const tokenRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/tokens',
    { schema: { summary: 'My API tokens', tags: ['tokens'], response: { 200: z.object({ tokens: z.array(TokenRecord) }), ...protectedErrors } } },
    async (request) => {
      const auth = authOf(request);
      requireSession(auth);
      return { tokens: (await deps.state.tokens.listForUser(auth.user.id)).map(tokenRecord) };
    },
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        summary: 'Create an API token; the secret is returned only in this response',
        tags: ['tokens'],
        body: CreateToken,
        response: { 201: z.object({ token: z.string().describe('`vaern_…`: send as `Authorization: Bearer …`'), record: TokenRecord }), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      requireSession(auth);
      const { name, grants, expiresInDays } = request.body;
      if (!covers(auth.grants, grants)) fail('VAERN_ERR_FORBIDDEN', 'A token cannot hold a grant you do not hold');
      const secret = newApiToken();
      const record = await deps.state.tokens.create({
        name,
        userId: auth.user.id,
        tokenHash: sha256(secret),
        grants,
        expiresAt: expiresInDays === undefined ? null : deps.now() + expiresInDays * DAY_MS,
      });
      await recordAudit(deps, request, { tenant: '*', action: 'token.create', target: record.id, detail: { name, grants } });
      return reply.code(201).send({ token: secret, record: tokenRecord(record) });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        summary: 'Revoke one of my API tokens',
        tags: ['tokens'],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      requireSession(auth);
      const mine = await deps.state.tokens.listForUser(auth.user.id);
      if (!mine.some((t) => t.id === request.params.id)) fail('VAERN_ERR_NOT_FOUND');
      await deps.state.tokens.revoke(request.params.id);
      await recordAudit(deps, request, { tenant: '*', action: 'token.revoke', target: request.params.id });
      return reply.code(204).send(null);
    },
  );
};
