import { EVENT_FIELDS, EVENT_FIELD_NAMES, isEventField, type EventFieldName, type FieldType } from '../../model/fields.ts';

/**
 * Event table columns, derived from the field catalogue (src/model/fields.ts): adding a field
 * there adds a column here. Shared by the event store adapters; each maps `FieldType` to its own
 * SQL types.
 */

/**
 * Column name of a field: `@` dropped, each `.` becomes `__`. ECS names already contain single
 * underscores (`country_iso_code`), so a double one keeps the mapping one-to-one and reversible.
 */
export function columnName(field: EventFieldName): string {
  return field.replace(/^@/, '').replaceAll('.', '__');
}

export interface EventColumn {
  readonly field: EventFieldName;
  readonly column: string;
  readonly type: FieldType;
}

export const EVENT_COLUMNS: readonly EventColumn[] = EVENT_FIELD_NAMES.map((field) => ({ field, column: columnName(field), type: EVENT_FIELDS[field] }));

const BY_FIELD = new Map(EVENT_COLUMNS.map((c) => [c.field, c]));

export class UnknownFieldError extends Error {
  override name = 'UnknownFieldError';
}

/** The column of a field named in a filter; names from outside are checked against the catalogue. */
export function columnOf(field: string): EventColumn {
  const col = isEventField(field) ? BY_FIELD.get(field) : undefined;
  if (col === undefined) throw new UnknownFieldError(`unknown event field "${field}"`);
  return col;
}

/**
 * Internal columns beside the catalogue ones: each end's address as a number, so CIDR and exact
 * address filters are integer range tests. IPv4 as a 32-bit integer (no BigInt on the hot path
 * for the common case), IPv6 as a 128-bit one; the other stays NULL.
 */
export const ADDRESS_ENDS = ['source', 'destination'] as const satisfies readonly string[];
export type AddressEnd = (typeof ADDRESS_ENDS)[number];

export function ipv4Column(end: AddressEnd): string {
  return `${end}__ip_v4`;
}
export function ipv6Column(end: AddressEnd): string {
  return `${end}__ip_v6`;
}

/** Identifiers are generated from the catalogue, but quote anyway (`timestamp` is a type name). */
export function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}
