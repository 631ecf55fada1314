import { sql, type Expression, type Kysely, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { SEVERITIES, type Alert, type AlertStatus, type Severity } from '../../../detect/alert.ts';
import type { VaernEvent } from '../../../model/event.ts';
import type { TenantScope } from '../../../model/tenant.ts';
import type { AlertQuery, AlertSort, AlertStore, SeverityCounts, StoredAlert } from '../state-store.ts';
import type { AlertsTable, Database } from '../schema.ts';
import { whereInScope } from '../scope.ts';
import { ms, msOrNull } from './convert.ts';

/** Who reopens a closed alert when new activity arrives for it. */
export const DETECTION_ACTOR = 'detection';

/** Severity as a number for ordering, most severe highest (the text column sorts alphabetically). */
const severityRank = sql<number>`case severity ${sql.join(
  SEVERITIES.map((s, i) => sql`when ${s} then ${i}`),
  sql` `,
)} end`;

const ORDER: Record<AlertSort, Expression<unknown>> = {
  lastSeen: sql`last_seen`,
  score: sql`score`,
  severity: severityRank,
};

type AlertSelect<O> = SelectQueryBuilder<Database, 'alerts', O>;

export function alertRepo(db: Kysely<Database>): AlertStore {
  const setStatuses: AlertStore['setStatuses'] = async (scope, ids, status, by, at) => {
    if (ids.length === 0) return [];
    // `old` is read as of the statement's start, so it still holds the previous status.
    const rows = await whereInScope(
      db
        .updateTable('alerts')
        .from('alerts as old')
        .set({ status, status_changed_by: by, status_changed_at: at })
        .whereRef('old.id', '=', 'alerts.id')
        .where('alerts.id', 'in', [...ids])
        .where('alerts.status', '<>', status),
      scope,
      'alerts.tenant',
    )
      .returningAll('alerts')
      .returning('old.status as previous')
      .execute();
    return rows.map((r) => ({ alert: toAlert(r), previous: r.previous as AlertStatus }));
  };

  return {
    async upsert(alerts: readonly Alert[]) {
      // One row per id (the last version wins): ON CONFLICT may not touch a row twice.
      const latest = new Map(alerts.map((a) => [a.id, a]));
      if (latest.size === 0) return;
      await db
        .insertInto('alerts')
        .values([...latest.values()].map(toRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => {
            const reopens = sql<SqlBool>`alerts.status = 'closed' and excluded.last_seen > alerts.last_seen`;
            return {
              severity: eb.ref('excluded.severity'),
              score: eb.ref('excluded.score'),
              technique_id: eb.ref('excluded.technique_id'),
              technique_name: eb.ref('excluded.technique_name'),
              title: eb.ref('excluded.title'),
              explanation: eb.ref('excluded.explanation'),
              evidence: eb.ref('excluded.evidence'),
              related: eb.ref('excluded.related'),
              fields: eb.ref('excluded.fields'),
              count: eb.ref('excluded.count'),
              first_seen: eb.ref('excluded.first_seen'),
              last_seen: eb.ref('excluded.last_seen'),
              updated_at: eb.ref('excluded.updated_at'),
              // The analyst owns the status; see AlertStore for the one exception.
              status: sql<string>`case when ${reopens} then 'open' else alerts.status end`,
              status_changed_by: sql<string | null>`case when ${reopens} then ${DETECTION_ACTOR} else alerts.status_changed_by end`,
              status_changed_at: sql<number | null>`case when ${reopens} then excluded.updated_at else alerts.status_changed_at end`,
            };
          }),
        )
        .execute();
    },

    async listActive(scope: TenantScope, since: number) {
      const rows = await whereInScope(db.selectFrom('alerts').selectAll(), scope, 'tenant')
        .where('status', 'in', ['open', 'acknowledged'])
        .where('last_seen', '>=', since)
        .orderBy('updated_at')
        .execute();
      return rows.map(toAlert);
    },

    async get(scope: TenantScope, id: string) {
      const row = await whereInScope(db.selectFrom('alerts').selectAll(), scope, 'tenant').where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toAlert(row);
    },

    async setStatus(scope: TenantScope, id: string, status: AlertStatus, by: string) {
      await setStatuses(scope, [id], status, by, Date.now());
    },

    setStatuses,

    async list(scope: TenantScope, q: AlertQuery) {
      const filtered = <O>(qb: AlertSelect<O>): AlertSelect<O> => filter(whereInScope(qb, scope, 'tenant'), q);
      const [rows, total] = await Promise.all([
        filtered(db.selectFrom('alerts').selectAll())
          .orderBy(ORDER[q.sort ?? 'lastSeen'], 'desc')
          .orderBy('last_seen', 'desc')
          .orderBy('id')
          .limit(q.limit)
          .offset(q.offset)
          .execute(),
        filtered(db.selectFrom('alerts').select((eb) => eb.fn.countAll<number | string>().as('n'))).executeTakeFirstOrThrow(),
      ]);
      return { alerts: rows.map(toAlert), total: Number(total.n) };
    },

    async countBySeverity(scope: TenantScope, status: AlertStatus) {
      const rows = await whereInScope(db.selectFrom('alerts').select((eb) => ['tenant', 'severity', eb.fn.countAll<number | string>().as('n')]), scope, 'tenant')
        .where('status', '=', status)
        .groupBy(['tenant', 'severity'])
        .orderBy('tenant')
        .execute();
      const byTenant = new Map<string, Record<Severity, number>>();
      for (const r of rows) {
        let counts = byTenant.get(r.tenant);
        if (counts === undefined) byTenant.set(r.tenant, (counts = { info: 0, low: 0, medium: 0, high: 0, critical: 0 }));
        counts[r.severity as Severity] = Number(r.n);
      }
      return [...byTenant].map(([tenant, counts]): SeverityCounts => ({ tenant, counts }));
    },
  };
}

function filter<O>(qb: AlertSelect<O>, q: AlertQuery): AlertSelect<O> {
  if (q.status !== undefined) qb = qb.where('status', '=', q.status);
  if (q.severity !== undefined) qb = qb.where('severity', '=', q.severity);
  if (q.detector !== undefined) qb = qb.where('detector', '=', q.detector);
  if (q.from !== undefined) qb = qb.where('last_seen', '>=', q.from);
  if (q.to !== undefined) qb = qb.where('first_seen', '<', q.to);
  if (q.q !== undefined && q.q !== '') {
    const pattern = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
    // The related lists are matched in their JSON text: a substring of one element is a substring of the text.
    qb = qb.where(sql<SqlBool>`(entity ilike ${pattern} or related->>'ip' ilike ${pattern} or related->>'hosts' ilike ${pattern})`);
  }
  return qb;
}

function toRow(a: Alert) {
  return {
    id: a.id,
    tenant: a.tenant,
    detector: a.detector,
    entity: a.entity,
    status: a.status,
    severity: a.severity,
    // Detectors clamp scores to whole numbers; rounding keeps a stray fraction from failing the write.
    score: Math.round(a.score),
    technique_id: a.technique.id,
    technique_name: a.technique.name,
    title: a.title,
    explanation: a.explanation,
    evidence: JSON.stringify(a.evidence),
    related: JSON.stringify(a.related),
    fields: JSON.stringify(a.fields),
    count: a.count,
    first_seen: a.firstSeen,
    last_seen: a.lastSeen,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

function toAlert(r: Selectable<AlertsTable>): StoredAlert {
  return {
    id: r.id,
    tenant: r.tenant,
    detector: r.detector,
    entity: r.entity,
    // Written from an Alert (checked by the table's constraints), so the unions hold.
    status: r.status as AlertStatus,
    severity: r.severity as Severity,
    score: r.score,
    technique: { id: r.technique_id, name: r.technique_name },
    title: r.title,
    explanation: r.explanation,
    // Sample events were written from VaernEvents and keep their flat field names.
    evidence: { counts: r.evidence.counts, sampleEvents: r.evidence.sampleEvents as unknown as VaernEvent[] },
    related: r.related,
    count: r.count,
    firstSeen: ms(r.first_seen),
    lastSeen: ms(r.last_seen),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
    fields: r.fields,
    statusChangedBy: r.status_changed_by,
    statusChangedAt: msOrNull(r.status_changed_at),
  };
}
