import { BIGINT, UHUGEINT, UINTEGER, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { EventFilter } from './event-store.ts';
import type { TenantScope } from '../../model/tenant.ts';
import { ADDRESS_ENDS, columnOf, ipv4Column, ipv6Column, quoteIdent, type EventColumn } from './columns.ts';
import { addressRange } from './address.ts';
import { extraMember, isHot } from './duckdb-schema.ts';

/**
 * The one WHERE builder of the DuckDB event store. Every read (query, count, aggregate, rejects)
 * goes through `whereClause`, so the tenant scope cannot be left out. Values only ever travel as
 * parameters; identifiers come from the catalogue.
 */

/** Positional parameters with explicit types, so a JS number compares as BIGINT, not DOUBLE. */
export class Params {
  readonly values: DuckDBValue[] = [];
  readonly types: DuckDBType[] = [];
  add(value: DuckDBValue, type: DuckDBType): string {
    this.values.push(value);
    this.types.push(type);
    return `$${this.values.length}`;
  }
}

/** Where a table keeps its tenant and its time. */
export interface TableShape {
  readonly tenant: string;
  readonly time: string;
}

export const EVENTS_TABLE: TableShape = { tenant: 'vaern__tenant', time: 'timestamp' };
export const REJECTS_TABLE: TableShape = { tenant: 'tenant', time: 'received_at' };

export class FilterError extends Error {
  override name = 'FilterError';
}

export function whereClause(f: EventFilter, p: Params, table: TableShape): string {
  const parts = [scopeCondition(f.scope, table.tenant, p), `${quoteIdent(table.time)} >= ${p.add(epochMs(f.from, 'from'), BIGINT)}`, `${quoteIdent(table.time)} < ${p.add(epochMs(f.to, 'to'), BIGINT)}`];
  for (const [field, wanted] of Object.entries(f.equals ?? {})) {
    if (wanted !== undefined) parts.push(equalsCondition(columnOf(field), wanted, p));
  }
  if (f.address !== undefined) parts.push(addressCondition(f.address, p));
  if (f.breachAttempts === true) parts.push(`"event__action" = 'denied' AND "network__direction" IN ('inbound', 'external')`);
  return parts.filter((s) => s !== '').map((s) => `(${s})`).join(' AND ');
}

function scopeCondition(scope: TenantScope, column: string, p: Params): string {
  if (scope.kind === 'all') return '';
  if (scope.tenants.length === 0) return 'false';
  return `${quoteIdent(column)} IN (${scope.tenants.map((t) => p.add(t, VARCHAR)).join(', ')})`;
}

function epochMs(value: number, what: string): bigint {
  if (!Number.isFinite(value)) throw new FilterError(`${what}: expected epoch milliseconds, got ${value}`);
  return BigInt(Math.trunc(value));
}

type Wanted = string | number | readonly (string | number)[];

function equalsCondition(col: EventColumn, wanted: Wanted, p: Params): string {
  const values = Array.isArray(wanted) ? (wanted as readonly (string | number)[]) : [wanted as string | number];
  if (values.length === 0) return 'false';
  // A field without a column of its own is read from `extra`, typed like the column would be.
  const ident = isHot(col) ? quoteIdent(col.column) : extraMember(col);
  switch (col.type) {
    case 'date':
    case 'long': {
      const params = values.map((v) => p.add(integer(v, col.field), BIGINT));
      return `${ident} IN (${params.join(', ')})`;
    }
    case 'keyword[]': {
      const params = values.map((v) => p.add(String(v), VARCHAR));
      return `list_has_any(${ident}, [${params.join(', ')}])`;
    }
    default: {
      const params = values.map((v) => p.add(String(v), VARCHAR));
      return `${ident} IN (${params.join(', ')})`;
    }
  }
}

function integer(v: string | number, field: string): bigint {
  const n = typeof v === 'number' ? v : /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new FilterError(`${field}: expected an integer, got "${v}"`);
  return BigInt(n);
}

/** Either end inside the range; an exact address is a one-address range. */
function addressCondition(address: string, p: Params): string {
  let range;
  try {
    range = addressRange(address);
  } catch (err) {
    throw new FilterError((err as Error).message, { cause: err });
  }
  const [column, type] = range.family === 4 ? [ipv4Column, UINTEGER] : [ipv6Column, UHUGEINT];
  const lo = p.add(range.lo, type);
  const hi = p.add(range.hi, type);
  return ADDRESS_ENDS.map((end) => `${quoteIdent(column(end))} BETWEEN ${lo} AND ${hi}`).join(' OR ');
}
