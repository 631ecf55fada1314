import type { Kysely, Selectable, Transaction } from 'kysely';
import type { TenantScope } from '../../../model/tenant.ts';
import type { RoleGrant, User, UserRepo, UserWithSecret } from '../state-store.ts';
import type { Database, UsersTable } from '../schema.ts';
import { guarded } from '../errors.ts';
import { whereInScope } from '../scope.ts';
import { ms, toGrants } from './convert.ts';

export function userRepo(db: Kysely<Database>): UserRepo {
  /** Grants of the given users, filtered by scope so a list never names tenants outside it. */
  const grantsOf = async (userIds: readonly string[], scope: TenantScope): Promise<Map<string, RoleGrant[]>> => {
    const byUser = new Map<string, RoleGrant[]>();
    if (userIds.length === 0) return byUser;
    const rows = await whereInScope(
      db.selectFrom('role_grants').select(['user_id', 'tenant', 'role']).where('user_id', 'in', userIds),
      scope,
      'tenant',
    )
      .orderBy('tenant')
      .orderBy('role')
      .execute();
    for (const id of userIds) byUser.set(id, []);
    for (const r of rows) byUser.get(r.user_id)?.push(...toGrants([r]));
    return byUser;
  };

  const withGrants = async (row: Selectable<UsersTable> | undefined, scope: TenantScope): Promise<UserWithSecret | undefined> => {
    if (row === undefined) return undefined;
    const grants = (await grantsOf([row.id], scope)).get(row.id) ?? [];
    return { ...toUser(row, grants), passwordHash: row.password_hash };
  };

  const update = async (id: string, set: Partial<{ password_hash: string; locale: string; disabled: boolean }>): Promise<void> => {
    await db.updateTable('users').set(set).where('id', '=', id).execute();
  };

  return {
    async list(scope: TenantScope) {
      let q = db.selectFrom('users').selectAll();
      if (scope.kind !== 'all') {
        q = q.where(({ exists, selectFrom }) =>
          exists(whereInScope(selectFrom('role_grants').select('user_id').whereRef('role_grants.user_id', '=', 'users.id'), scope, 'role_grants.tenant')),
        );
      }
      const rows = await q.orderBy('username').execute();
      const grants = await grantsOf(
        rows.map((r) => r.id),
        scope,
      );
      return rows.map((r) => toUser(r, grants.get(r.id) ?? []));
    },

    async byId(id: string) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      const user = await withGrants(row, { kind: 'all' });
      return user === undefined ? undefined : withoutSecret(user);
    },

    async byUsernameWithSecret(username: string) {
      const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return withGrants(row, { kind: 'all' });
    },

    async create(u) {
      const id = crypto.randomUUID();
      const createdAt = Date.now();
      await guarded(
        db.transaction().execute(async (tx) => {
          await tx
            .insertInto('users')
            .values({ id, username: u.username, password_hash: u.passwordHash, display_name: u.displayName, locale: u.locale, created_at: createdAt })
            .execute();
          await insertGrants(tx, id, u.grants);
        }),
      );
      return { id, username: u.username, displayName: u.displayName, locale: u.locale, disabled: false, grants: [...u.grants], createdAt };
    },

    async setPassword(id: string, passwordHash: string) {
      await update(id, { password_hash: passwordHash });
    },

    async setGrants(id: string, grants: readonly RoleGrant[]) {
      await guarded(
        db.transaction().execute(async (tx) => {
          await tx.deleteFrom('role_grants').where('user_id', '=', id).execute();
          await insertGrants(tx, id, grants);
        }),
      );
    },

    async setLocale(id: string, locale: string) {
      await update(id, { locale });
    },

    async setDisabled(id: string, disabled: boolean) {
      await update(id, { disabled });
    },

    async count() {
      const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },
  };
}

async function insertGrants(tx: Transaction<Database>, userId: string, grants: readonly RoleGrant[]): Promise<void> {
  if (grants.length === 0) return;
  await tx
    .insertInto('role_grants')
    .values(grants.map((g) => ({ user_id: userId, tenant: g.tenant, role: g.role })))
    .execute();
}

function toUser(r: Selectable<UsersTable>, grants: RoleGrant[]): User {
  return { id: r.id, username: r.username, displayName: r.display_name, locale: r.locale, disabled: r.disabled, grants, createdAt: ms(r.created_at) };
}

function withoutSecret(u: UserWithSecret): User {
  const { passwordHash: _secret, ...user } = u;
  return user;
}
