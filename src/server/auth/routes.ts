import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { TenantRecord, tenantRecord } from '../tenants/schemas.ts';
import type { Deps, RegisterRoutes } from '../types.ts';
import { Locale, PublicUser, publicUser } from '../users/schemas.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { authOf } from './hook.ts';
import { PASSWORD_MAX, verifyPassword } from './password.ts';
import { newSecret, sha256 } from './secrets.ts';

/** Sign-in attempts per client address and username per minute, before 429. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

const LoginBody = z.strictObject({
  username: z.string().min(1).max(128),
  // No minimum here: the policy applies when a password is set, not when one is tried.
  password: z.string().min(1).max(PASSWORD_MAX),
});

const Me = z.object({ user: PublicUser, tenants: z.array(TenantRecord).describe('Tenants you can see') });

export const authRoutes: RegisterRoutes = (app, deps) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: LOGIN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          // After validation, so the key can include the username: guessing one account from
          // many addresses and many accounts from one address are both slowed.
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => `${request.ip}|${loginName(request)}`,
        },
      },
      schema: {
        summary: 'Sign in; sets the `vaern_session` cookie',
        tags: ['auth'],
        security: [],
        body: LoginBody,
        response: { 200: z.object({ user: PublicUser }), 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await deps.state.users.byUsernameWithSecret(username);
      // Always one argon2 verification, against a dummy hash for unknown users: same timing path.
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!ok || user === undefined || user.disabled) {
        await recordAudit(deps, request, { tenant: '*', action: 'auth.login.failed', actor: username });
        fail('VAERN_ERR_BAD_CREDENTIALS');
      }
      const secret = newSecret();
      const hours = deps.config.http.sessionHours;
      // Sign-ins are rare enough to sweep expired sessions here rather than on a timer.
      await deps.state.sessions.deleteExpired(deps.now());
      await deps.state.sessions.create(sha256(secret), user.id, deps.now() + hours * 3_600_000);
      reply.setCookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: deps.config.http.secureCookies,
        maxAge: Math.floor(hours * 3600),
      });
      await recordAudit(deps, request, { tenant: '*', action: 'auth.login', actor: user.username });
      return { user: publicUser(user) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      // Public so a stale or expired cookie can always be cleared.
      config: { public: true },
      schema: { summary: 'Sign out; ends the session', tags: ['auth'], security: [], response: { 204: z.null() } },
    },
    async (request, reply) => {
      await endSession(deps, request);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { summary: 'Who am I, and which tenants can I see', tags: ['auth'], response: { 200: Me, ...protectedErrors } } },
    async (request) => {
      const auth = authOf(request);
      return { user: { ...publicUser(auth.user), grants: [...auth.grants] }, tenants: (await deps.state.tenants.list(auth.scope)).map(tenantRecord) };
    },
  );

  app.put(
    '/api/v1/auth/me/locale',
    {
      schema: {
        summary: 'Set my console language',
        tags: ['auth'],
        body: z.strictObject({ locale: Locale }),
        response: { 200: z.object({ user: PublicUser }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      await deps.state.users.setLocale(auth.user.id, request.body.locale);
      return { user: { ...publicUser(auth.user), locale: request.body.locale } };
    },
  );
};

function loginName(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase() : '';
}

async function endSession(deps: Deps, request: FastifyRequest): Promise<void> {
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === '') return;
  const idHash = sha256(cookie);
  const session = await deps.state.sessions.get(idHash, deps.now());
  if (session === undefined) return;
  await deps.state.sessions.delete(idHash);
  const user = await deps.state.users.byId(session.userId);
  await recordAudit(deps, request, { tenant: '*', action: 'auth.logout', actor: user?.username ?? session.userId });
}
