import { BIGINT, DuckDBDataChunk, LIST, UHUGEINT, UINTEGER, VARCHAR, listValue, type DuckDBAppender, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import type { FieldType } from '../../model/fields.ts';
import { ADDRESS_ENDS, EVENT_COLUMNS } from './columns.ts';
import { ipv4ToNumber, ipv6ToBigInt } from './address.ts';

/**
 * Writing events into DuckDB as DataChunks: column by column, 2048 rows at a time, straight into
 * the vectors. Per-row INSERTs or per-value appender calls cross into native code once per
 * value and are an order of magnitude slower.
 *
 * The column order matches EVENT_TABLE_COLUMNS (duckdb-schema.ts).
 */

type Cell = (event: VaernEvent) => DuckDBValue;

const TYPES: Record<FieldType, DuckDBType> = {
  date: BIGINT,
  long: BIGINT,
  ip: VARCHAR,
  keyword: VARCHAR,
  text: VARCHAR,
  'keyword[]': LIST(VARCHAR),
};

/**
 * Cells coerce rather than throw: one malformed value from a decoder must not lose a batch (and
 * with it the appender's uncommitted rows). A non-finite number or non-array list becomes NULL.
 */
function cellOf(field: keyof VaernEvent, type: FieldType): Cell {
  switch (type) {
    case 'date':
    case 'long':
      return (e) => {
        const v = e[field];
        return typeof v === 'number' && Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
      };
    case 'keyword[]':
      return (e) => {
        const v = e[field];
        return Array.isArray(v) ? listValue(v.map(String)) : null;
      };
    default:
      return (e) => {
        const v = e[field];
        return v === undefined || v === null ? null : String(v);
      };
  }
}

const CELLS: readonly Cell[] = [
  ...EVENT_COLUMNS.map((c) => cellOf(c.field, c.type)),
  ...ADDRESS_ENDS.flatMap((end): Cell[] => {
    const field = `${end}.ip` as const;
    return [(e) => (e[field] === undefined ? null : (ipv4ToNumber(e[field]) ?? null)), (e) => (e[field]?.includes(':') ? (ipv6ToBigInt(e[field]) ?? null) : null)];
  }),
];

const CHUNK_TYPES: readonly DuckDBType[] = [...EVENT_COLUMNS.map((c) => TYPES[c.type]), ...ADDRESS_ENDS.flatMap(() => [UINTEGER, UHUGEINT])];

/** Rows per chunk: DuckDB's vector size. */
export const CHUNK_ROWS = 2048;

/** Full chunks written through one chunk before it is replaced, bounding its string heap. */
const CHUNK_REUSES = 32;

/**
 * A writer of events into appenders. Full 2,048-row slices reuse one chunk, so its vectors are
 * wrapped once rather than per slice, and a column that was NULL throughout the previous slice and
 * is again is not touched at all: its validity mask already says NULL. Most of the catalogue's
 * columns are NULL for any one source (a firewall event sets about 25 of ~100), so this skips
 * most of the per-cell work. A chunk is replaced after CHUNK_REUSES slices because DuckDB keeps
 * the strings assigned to a vector until the chunk is reset or dropped.
 */
export function eventWriter(): (appender: DuckDBAppender, events: readonly VaernEvent[]) => void {
  let full: DuckDBDataChunk | undefined;
  let uses = 0;
  const allNull: boolean[] = CELLS.map(() => false);
  const values: DuckDBValue[] = new Array<DuckDBValue>(CHUNK_ROWS).fill(null);

  const fill = (chunk: DuckDBDataChunk, events: readonly VaernEvent[], start: number, rows: number, reused: boolean): void => {
    for (let c = 0; c < CELLS.length; c++) {
      const cell = CELLS[c]!;
      let any = false;
      for (let r = 0; r < rows; r++) {
        const v = cell(events[start + r]!);
        values[r] = v;
        if (v !== null) any = true;
      }
      if (reused && !any && allNull[c]) continue;
      const vector = chunk.getColumnVector(c);
      for (let r = 0; r < rows; r++) vector.setItem(r, values[r]!);
      vector.flush();
      if (reused) allNull[c] = !any;
    }
  };

  return (appender, events) => {
    let start = 0;
    for (; start + CHUNK_ROWS <= events.length; start += CHUNK_ROWS) {
      if (full === undefined || uses === CHUNK_REUSES) {
        full = DuckDBDataChunk.create(CHUNK_TYPES, CHUNK_ROWS);
        uses = 0;
        allNull.fill(false);
      }
      fill(full, events, start, CHUNK_ROWS, true);
      uses++;
      appender.appendDataChunk(full);
    }
    const rest = events.length - start;
    if (rest > 0) {
      const chunk = DuckDBDataChunk.create(CHUNK_TYPES, rest);
      fill(chunk, events, start, rest, false);
      appender.appendDataChunk(chunk);
    }
  };
}

/** Rejects are few (bad input), so row by row is fine. */
export function appendRejects(appender: DuckDBAppender, rejects: readonly Reject[]): void {
  for (const r of rejects) {
    appender.appendBigInt(BigInt(r.receivedAt));
    appender.appendVarchar(r.tenant);
    appender.appendVarchar(r.sensor);
    appender.appendVarchar(r.origin);
    appender.appendVarchar(r.format);
    appender.appendVarchar(r.reason);
    appender.appendVarchar(r.raw);
    if (r.line === undefined) appender.appendNull();
    else appender.appendBigInt(BigInt(r.line));
    if (r.offset === undefined) appender.appendNull();
    else appender.appendBigInt(BigInt(r.offset));
    appender.endRow();
  }
}
