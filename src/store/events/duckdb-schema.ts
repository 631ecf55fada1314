import { ADDRESS_ENDS, EVENT_COLUMNS, ipv4Column, ipv6Column, quoteIdent } from './columns.ts';
import type { FieldType } from '../../model/fields.ts';

/**
 * DuckDB DDL for the event store, generated from the catalogue.
 *
 * Dates are BIGINT epoch ms, like everywhere else in Vaern: time bucketing is integer division
 * (`ts // 3600000`), the fastest grouping key DuckDB has, and nothing converts on the way in or out.
 */
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

/** Catalogue columns first, in catalogue order, then the internal address columns. */
export const EVENT_TABLE_COLUMNS: readonly ColumnDef[] = [
  ...EVENT_COLUMNS.map((c) => ({ name: c.column, sqlType: SQL_TYPES[c.type] })),
  ...ADDRESS_ENDS.flatMap((end) => [
    { name: ipv4Column(end), sqlType: 'UINTEGER' },
    { name: ipv6Column(end), sqlType: 'UHUGEINT' },
  ]),
];

export function createEventsTable(): string {
  const cols = EVENT_TABLE_COLUMNS.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`);
  return `CREATE TABLE IF NOT EXISTS events (${cols.join(', ')})`;
}

/** A column added to the catalogue after the file was created. */
export function addEventColumn(c: ColumnDef): string {
  return `ALTER TABLE events ADD COLUMN IF NOT EXISTS ${quoteIdent(c.name)} ${c.sqlType}`;
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
