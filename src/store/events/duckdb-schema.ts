import { ADDRESS_ENDS, EVENT_COLUMNS, ipv4Column, ipv6Column, quoteIdent, type EventColumn } from './columns.ts';
import type { EventFieldName, FieldType } from '../../model/fields.ts';

/**
 * DuckDB DDL for the event store, generated from the catalogue.
 *
 * Dates are BIGINT epoch ms, like everywhere else in Vaern: time bucketing is integer division
 * (`ts // 3600000`), the fastest grouping key DuckDB has, and nothing converts on the way in or out.
 *
 * Only the fields below get a column of their own; every other catalogue field of an event goes
 * into one JSON object per row (`extra`). Appending costs DuckDB about the same for every column
 * of every row, NULL or not (measured with the real FortiGate mix: ~0.15 µs per column per row
 * natively plus ~0.3 µs per cell to fill the vector from JS), so the ~140-column table capped
 * ingest near 17k events per CPU second however few fields an event set. A JSON member costs
 * only when the event has the field. The columns kept are the ones reads group or filter by
 * (aggregates, the hunt form, breach attempts, address ranges) and the connection fields nearly
 * every network event carries; lists are in `extra` because a list cell is the dearest to fill
 * (~1 µs each). Filters on an `extra` field still work (duckdb-where.ts), at JSON speed.
 */
const HOT_FIELDS: ReadonlySet<EventFieldName> = new Set<EventFieldName>([
  '@timestamp',
  'event.kind',
  'event.action',
  'event.outcome',
  'event.code',
  'event.dataset',
  'event.duration',
  'event.reason',
  'source.ip',
  'source.port',
  'source.bytes',
  'source.packets',
  'source.geo.country_iso_code',
  'source.as.number',
  'source.as.organization.name',
  'destination.ip',
  'destination.port',
  'destination.bytes',
  'destination.packets',
  'destination.geo.country_iso_code',
  'network.transport',
  'network.protocol',
  'network.iana_number',
  'network.direction',
  'network.bytes',
  'network.packets',
  'network.application',
  'observer.vendor',
  'observer.product',
  'observer.type',
  'observer.hostname',
  'observer.serial_number',
  'observer.ingress.interface.name',
  'observer.egress.interface.name',
  'observer.ingress.zone',
  'observer.egress.zone',
  'rule.id',
  'rule.name',
  'user.name',
  'log.level',
  'log.syslog.priority',
  'log.syslog.facility.code',
  'log.syslog.severity.code',
  'log.syslog.hostname',
  'vaern.tenant',
  'vaern.sensor',
  'vaern.format',
  'vaern.vendor_action',
]);

/** Catalogue fields with a column of their own, in catalogue order. */
export const HOT_COLUMNS: readonly EventColumn[] = EVENT_COLUMNS.filter((c) => HOT_FIELDS.has(c.field));
/** Catalogue fields kept as members of the `extra` JSON object, named by their ECS name. */
export const SPARSE_COLUMNS: readonly EventColumn[] = EVENT_COLUMNS.filter((c) => !HOT_FIELDS.has(c.field));

export function isHot(c: EventColumn): boolean {
  return HOT_FIELDS.has(c.field);
}

/** The column holding an event's other fields as one JSON object, NULL when it has none. */
export const EXTRA_COLUMN = 'extra';

const SQL_TYPES: Record<FieldType, string> = {
  date: 'BIGINT',
  long: 'BIGINT',
  ip: 'VARCHAR',
  keyword: 'VARCHAR',
  text: 'VARCHAR',
  'keyword[]': 'VARCHAR[]',
};

export interface ColumnDef {
  readonly name: string;
  readonly sqlType: string;
}

/** The hot catalogue columns first, in catalogue order, then `extra`, then the internal address columns. */
export const EVENT_TABLE_COLUMNS: readonly ColumnDef[] = [
  ...HOT_COLUMNS.map((c) => ({ name: c.column, sqlType: SQL_TYPES[c.type] })),
  { name: EXTRA_COLUMN, sqlType: 'VARCHAR' },
  ...ADDRESS_ENDS.flatMap((end) => [
    { name: ipv4Column(end), sqlType: 'UINTEGER' },
    { name: ipv6Column(end), sqlType: 'UHUGEINT' },
  ]),
];

export function createEventsTable(): string {
  const cols = EVENT_TABLE_COLUMNS.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`);
  return `CREATE TABLE IF NOT EXISTS events (${cols.join(', ')})`;
}

/**
 * `extra`'s member for a field, as SQL: its text, a BIGINT or a VARCHAR[] like the column it
 * would have. The JSON path is built from the catalogue name (checked like an identifier).
 */
export function extraMember(c: EventColumn): string {
  const extra = quoteIdent(EXTRA_COLUMN);
  switch (c.type) {
    case 'date':
    case 'long':
      return `TRY_CAST(json_extract_string(${extra}, '$."${jsonKey(c)}"') AS BIGINT)`;
    case 'keyword[]':
      return `json_extract_string(${extra}, '$."${jsonKey(c)}"[*]')`;
    default:
      return `json_extract_string(${extra}, '$."${jsonKey(c)}"')`;
  }
}

/** A field name as it appears inside SQL string literals: from the catalogue, and checked anyway. */
function jsonKey(c: EventColumn): string {
  if (!/^@?[a-z0-9_.]+$/.test(c.field)) throw new Error(`refusing field name ${JSON.stringify(c.field)}`);
  return c.field;
}

/**
 * Statements that bring an existing table to this layout: a missing column is added (a new hot
 * field is filled from `extra`, where older rows kept it), and a column whose field is no longer
 * hot (a file from before `extra`) is folded into `extra` and dropped. A fresh table needs none.
 */
export function migrateEventsTable(existing: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const hadExtra = existing.has(EXTRA_COLUMN);
  for (const c of EVENT_TABLE_COLUMNS) {
    if (!existing.has(c.name)) out.push(`ALTER TABLE events ADD COLUMN IF NOT EXISTS ${quoteIdent(c.name)} ${c.sqlType}`);
  }
  if (hadExtra) {
    for (const c of HOT_COLUMNS) {
      if (!existing.has(c.column)) out.push(`UPDATE events SET ${quoteIdent(c.column)} = ${extraMember(c)} WHERE ${quoteIdent(EXTRA_COLUMN)} IS NOT NULL`);
    }
  }
  const extra = quoteIdent(EXTRA_COLUMN);
  for (const c of SPARSE_COLUMNS) {
    if (!existing.has(c.column)) continue;
    const col = quoteIdent(c.column);
    out.push(`UPDATE events SET ${extra} = json_merge_patch(coalesce(${extra}, '{}'), json_object('${jsonKey(c)}', ${col})) WHERE ${col} IS NOT NULL`);
    out.push(`ALTER TABLE events DROP COLUMN IF EXISTS ${col}`);
  }
  return out;
}

export const CREATE_REJECTS_TABLE = `CREATE TABLE IF NOT EXISTS rejects (
  received_at BIGINT NOT NULL,
  tenant VARCHAR NOT NULL,
  sensor VARCHAR NOT NULL,
  origin VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  raw VARCHAR NOT NULL,
  line BIGINT,
  "offset" BIGINT
)`;
