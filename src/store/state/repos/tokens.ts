import type { Kysely, Selectable } from 'kysely';
import type { ApiToken, ApiTokenRepo } from '../state-store.ts';
import type { ApiTokensTable, Database } from '../schema.ts';
import { guarded } from '../errors.ts';
import { ms, msOrNull, toGrants } from './convert.ts';

export function apiTokenRepo(db: Kysely<Database>): ApiTokenRepo {
  return {
    async create(t) {
      const row = await guarded(
        db
          .insertInto('api_tokens')
          .values({
            id: crypto.randomUUID(),
            name: t.name,
            user_id: t.userId,
            token_hash: t.tokenHash,
            grants: JSON.stringify(t.grants),
            created_at: Date.now(),
            expires_at: t.expiresAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toToken(row);
    },

    async byHash(tokenHash: string, now: number) {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked', '=', false)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return row === undefined ? undefined : toToken(row);
    },

    /** Live and expired tokens, not revoked ones: revoking is how a user removes a token. */
    async listForUser(userId: string) {
      const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked', '=', false).orderBy('created_at').execute();
      return rows.map(toToken);
    },

    async revoke(id: string) {
      await db.updateTable('api_tokens').set({ revoked: true }).where('id', '=', id).execute();
    },

    async touch(id: string, at: number) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

function toToken(r: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: r.id,
    name: r.name,
    userId: r.user_id,
    grants: toGrants(r.grants),
    createdAt: ms(r.created_at),
    expiresAt: msOrNull(r.expires_at),
    lastUsedAt: msOrNull(r.last_used_at),
  };
}
