import type { FastifyRequest } from 'fastify';
import type { RoleGrant, User } from '../../store/state/state-store.ts';
import { fail } from '../errors.ts';
import type { Deps } from '../types.ts';
import { effectiveGrants } from './grants.ts';
import { sha256, TOKEN_PREFIX } from './secrets.ts';

export const SESSION_COOKIE = 'vaern_session';

/** How often a token's `lastUsedAt` is written: enough to spot unused tokens, not a write per call. */
const TOUCH_EVERY_MS = 60_000;

export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  readonly tokenId?: string;
  readonly grants: readonly RoleGrant[];
}

/**
 * Find who is calling: a bearer API token (machines) or the session cookie (people). Returns
 * undefined when neither is present or valid; disabled users are treated as unknown.
 */
export async function authenticate(request: FastifyRequest, deps: Deps): Promise<Principal | undefined> {
  const now = deps.now();
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer (\S+)$/i.exec(header);
    const token = match?.[1];
    if (token === undefined || !token.startsWith(TOKEN_PREFIX)) fail('VAERN_ERR_UNAUTHENTICATED', 'Malformed Authorization header');
    const record = await deps.state.tokens.byHash(sha256(token), now);
    if (record === undefined) return undefined;
    const user = await activeUser(deps, record.userId);
    if (user === undefined) return undefined;
    if (record.lastUsedAt === null || now - record.lastUsedAt >= TOUCH_EVERY_MS) await deps.state.tokens.touch(record.id, now);
    return { user, via: 'token', tokenId: record.id, grants: effectiveGrants(user.grants, record.grants) };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === '') return undefined;
  const session = await deps.state.sessions.get(sha256(cookie), now);
  if (session === undefined) return undefined;
  const user = await activeUser(deps, session.userId);
  if (user === undefined) return undefined;
  return { user, via: 'session', grants: user.grants };
}

async function activeUser(deps: Deps, id: string): Promise<User | undefined> {
  const user = await deps.state.users.byId(id);
  return user === undefined || user.disabled ? undefined : user;
}
