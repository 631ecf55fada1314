import { z } from 'zod';
import { inScope } from '../../model/tenant.ts';
import type { RoleGrant, User } from '../../store/state/state-store.ts';
import { recordAudit } from '../audit/record.ts';
import { mayGrant } from '../auth/grants.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { authOf } from '../auth/hook.ts';
import { hashPassword } from '../auth/password.ts';
import { sha256 } from '../auth/secrets.ts';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { RoleGrantSchema, TenantId } from '../schemas.ts';
import type { AuthContext, RegisterRoutes } from '../types.ts';
import { Locale, Password, UserRecord, Username } from './schemas.ts';

const CreateUser = z.strictObject({
  username: Username,
  displayName: z.string().min(1).max(200),
  password: Password,
  locale: Locale.default('da'),
  grants: z.array(RoleGrantSchema).min(1).max(200),
});

const PatchUser = z.strictObject({
  grants: z.array(RoleGrantSchema).max(200).optional().describe('Replaces the grants in tenants you administer; others are kept'),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});

/** A user as the caller may see it: only the grants inside the caller's scope. */
function visibleUser(auth: AuthContext, u: User): z.infer<typeof UserRecord> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    locale: u.locale,
    disabled: u.disabled,
    createdAt: u.createdAt,
    grants: u.grants.filter((g) => inScope(auth.scope, g.tenant)),
  };
}

function dedupe(grants: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Map<string, RoleGrant>();
  for (const g of grants) seen.set(`${g.tenant}\u0000${g.role}`, g);
  return [...seen.values()];
}

/** Tenants an audit entry about these grants belongs to. */
function tenantsOf(grants: readonly RoleGrant[]): string[] {
  return [...new Set(grants.map((g) => g.tenant))];
}

/**
 * Users and their roles. A tenant admin manages users only within the tenants they administer:
 * they can only hand out grants there (never `*`), and can only reset the password of, or
 * disable, a user whose every grant lies within their reach, so nobody can take over an account
 * that holds more than they do.
 */
export const userRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/users',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Users in the tenants you administer',
        tags: ['users'],
        querystring: z.object({ tenant: TenantId.optional() }),
        response: { 200: z.object({ users: z.array(UserRecord) }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return { users: (await deps.state.users.list(auth.scope)).map((u) => visibleUser(auth, u)) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create a user',
        tags: ['users'],
        body: CreateUser,
        response: { 201: z.object({ user: UserRecord }), ...protectedErrors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { username, displayName, password, locale } = request.body;
      const grants = dedupe(request.body.grants);
      if (!grants.every((g) => mayGrant(auth.grants, g))) fail('VAERN_ERR_FORBIDDEN', 'You can only grant roles in tenants you administer');
      if ((await deps.state.users.byUsernameWithSecret(username)) !== undefined) fail('VAERN_ERR_CONFLICT', 'A user with this username exists');
      const user = await deps.state.users.create({ username, displayName, locale, grants, passwordHash: await hashPassword(password) });
      for (const tenant of tenantsOf(grants)) {
        await recordAudit(deps, request, { tenant, action: 'user.create', target: user.id, detail: { username, grants } });
      }
      return reply.code(201).send({ user: visibleUser(auth, user) });
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change grants, disable or reset the password of a user',
        tags: ['users'],
        params: z.object({ id: z.string().min(1).max(100) }),
        body: PatchUser,
        response: { 200: z.object({ user: UserRecord }), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const target = await deps.state.users.byId(request.params.id);
      const reach = (g: RoleGrant): boolean => mayGrant(auth.grants, g);
      // A user with no grant the caller administers is invisible to them: "not found".
      const visible = target !== undefined && (auth.roleIn('*') === 'admin' || target.grants.some(reach));
      if (!visible) fail('VAERN_ERR_NOT_FOUND');
      const { grants, disabled, password } = request.body;
      if ((disabled !== undefined || password !== undefined) && !target.grants.every(reach)) {
        fail('VAERN_ERR_FORBIDDEN', 'This user holds roles outside the tenants you administer');
      }
      if (disabled === true && target.id === auth.user.id) fail('VAERN_ERR_FORBIDDEN', 'You cannot disable yourself');
      let newGrants = target.grants;
      if (grants !== undefined) {
        if (!grants.every(reach)) fail('VAERN_ERR_FORBIDDEN', 'You can only grant roles in tenants you administer');
        newGrants = dedupe([...target.grants.filter((g) => !reach(g)), ...grants]);
        await deps.state.users.setGrants(target.id, newGrants);
      }
      if (disabled !== undefined) await deps.state.users.setDisabled(target.id, disabled);
      if (password !== undefined) await deps.state.users.setPassword(target.id, await hashPassword(password));
      // A new password or a disabled account must lock out whoever holds the old sessions (a
      // stolen cookie, a shared screen). Changing one's own password keeps the session doing it.
      let sessionsEnded = 0;
      if (password !== undefined || disabled === true) {
        const own = auth.via === 'session' && target.id === auth.user.id ? request.cookies[SESSION_COOKIE] : undefined;
        sessionsEnded = await deps.state.sessions.deleteForUser(target.id, own === undefined ? undefined : sha256(own));
      }
      const changed = Object.keys(request.body);
      const concerned = tenantsOf([...target.grants, ...newGrants].filter(reach));
      for (const tenant of concerned) {
        await recordAudit(deps, request, {
          tenant,
          action: 'user.update',
          target: target.id,
          detail: { username: target.username, changed, sessionsEnded, ...(grants === undefined ? {} : { grants: newGrants.filter((g) => g.tenant === tenant) }) },
        });
      }
      return { user: visibleUser(auth, { ...target, grants: newGrants, disabled: disabled ?? target.disabled }) };
    },
  );
};
