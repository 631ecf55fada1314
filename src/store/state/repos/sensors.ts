import type { Kysely, Selectable } from 'kysely';
import type { TenantScope } from '../../../model/tenant.ts';
import type { Sensor, SensorMatch, SensorRepo } from '../state-store.ts';
import type { Database, SensorsTable } from '../schema.ts';
import { guarded } from '../errors.ts';
import { whereInScope } from '../scope.ts';
import { ms } from './convert.ts';

export function sensorRepo(db: Kysely<Database>): SensorRepo {
  return {
    async list(scope: TenantScope) {
      const rows = await whereInScope(db.selectFrom('sensors').selectAll(), scope, 'tenant').orderBy('tenant').orderBy('name').execute();
      return rows.map(toSensor);
    },

    async create(s) {
      const row = await guarded(
        db
          .insertInto('sensors')
          .values({ id: crypto.randomUUID(), tenant: s.tenant, name: s.name, format: s.format, match: JSON.stringify(s.match), created_at: Date.now() })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toSensor(row);
    },

    async delete(scope: TenantScope, id: string) {
      const r = await whereInScope(db.deleteFrom('sensors').where('id', '=', id), scope, 'tenant').executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}

function toSensor(r: Selectable<SensorsTable>): Sensor {
  // The match was written from a SensorMatch by `create`, so its shape is known.
  return { id: r.id, tenant: r.tenant, name: r.name, format: r.format, match: r.match as unknown as SensorMatch, createdAt: ms(r.created_at) };
}
