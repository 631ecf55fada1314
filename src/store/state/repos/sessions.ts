import type { Kysely } from 'kysely';
import type { SessionRepo } from '../state-store.ts';
import type { Database } from '../schema.ts';
import { guarded } from '../errors.ts';
import { ms } from './convert.ts';

export function sessionRepo(db: Kysely<Database>): SessionRepo {
  return {
    async create(idHash: string, userId: string, expiresAt: number) {
      await guarded(db.insertInto('sessions').values({ id_hash: idHash, user_id: userId, created_at: Date.now(), expires_at: expiresAt }).execute());
    },

    async get(idHash: string, now: number) {
      const r = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
      return r === undefined ? undefined : { id: r.id_hash, userId: r.user_id, createdAt: ms(r.created_at), expiresAt: ms(r.expires_at) };
    },

    async delete(idHash: string) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteForUser(userId: string, keep?: string) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keep !== undefined) q = q.where('id_hash', '!=', keep);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async deleteExpired(now: number) {
      const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
