import { BIGINT, DuckDBDataChunk, UHUGEINT, UINTEGER, VARCHAR, type DuckDBAppender, type DuckDBType } from '@duckdb/node-api';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import type { FieldType } from '../../model/fields.ts';
import { ADDRESS_ENDS } from './columns.ts';
import { HOT_COLUMNS, SPARSE_COLUMNS } from './duckdb-schema.ts';
import { ipv4ToNumber, ipv6ToBigInt } from './address.ts';

/**
 * Writing events into DuckDB as DataChunks: column by column, 2048 rows at a time, straight into
 * the vectors. Per-row INSERTs or per-value appender calls cross into native code once per
 * value and are an order of magnitude slower.
 *
 * One pass over each event's own keys sorts its fields into the hot columns' value arrays and the
 * `extra` JSON text (duckdb-schema.ts), so the cost follows the fields an event has, not the size
 * of the catalogue. The column order matches EVENT_TABLE_COLUMNS.
 */

/** Hot fields never hold lists (duckdb-schema.ts); a number only fills an IPv4 (UINTEGER) column. */
type Cell = bigint | number | string | null;

const TYPES: Record<Exclude<FieldType, 'keyword[]'>, DuckDBType> = { date: BIGINT, long: BIGINT, ip: VARCHAR, keyword: VARCHAR, text: VARCHAR };

/**
 * How a field is written, by name: a hot column's index, or the JSON key text for `extra`.
 * A null-prototype object: the fastest lookup by an event's own key, and no inherited names.
 */
type Slot = { readonly hot: number; readonly numeric: boolean } | { readonly key: string; readonly type: FieldType };
const SLOTS: Record<string, Slot> = Object.create(null) as Record<string, Slot>;
for (const [i, c] of HOT_COLUMNS.entries()) SLOTS[c.field] = { hot: i, numeric: c.type === 'date' || c.type === 'long' };
for (const c of SPARSE_COLUMNS) SLOTS[c.field] = { key: `${JSON.stringify(c.field)}:`, type: c.type };

const HOT = HOT_COLUMNS.length;
const EXTRA = HOT;
const SOURCE_IP = HOT_COLUMNS.findIndex((c) => c.field === 'source.ip');
const DESTINATION_IP = HOT_COLUMNS.findIndex((c) => c.field === 'destination.ip');
const ADDRESS_IPS = ADDRESS_ENDS.map((end) => (end === 'source' ? SOURCE_IP : DESTINATION_IP));

const CHUNK_TYPES: readonly DuckDBType[] = [...HOT_COLUMNS.map((c) => TYPES[c.type as Exclude<FieldType, 'keyword[]'>]), VARCHAR, ...ADDRESS_ENDS.flatMap(() => [UINTEGER, UHUGEINT])];
const COLUMNS = CHUNK_TYPES.length;

/**
 * Cells coerce rather than throw: one malformed value from a decoder must not lose a batch (and
 * with it the appender's uncommitted rows). A non-finite number or a non-array list is left out.
 */
function integer(v: unknown): bigint | null {
  return typeof v === 'number' && Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
}

/** `"field":value` for `extra`, or '' when the value is left out. */
function member(key: string, type: FieldType, v: unknown): string {
  switch (type) {
    case 'date':
    case 'long':
      return typeof v === 'number' && Number.isFinite(v) ? key + String(Math.trunc(v)) : '';
    case 'keyword[]':
      return Array.isArray(v) ? key + JSON.stringify(v.map(String)) : '';
    default:
      return key + JSON.stringify(String(v));
  }
}

/** Rows per chunk: DuckDB's vector size. */
export const CHUNK_ROWS = 2048;

/** Full chunks written through one chunk before it is replaced, bounding its string heap. */
const CHUNK_REUSES = 32;

/**
 * A writer of events into appenders. Full 2,048-row slices reuse one chunk, so its vectors are
 * wrapped once rather than per slice, and a column that was NULL throughout the previous slice and
 * is again is not touched at all: its validity mask already says NULL. A chunk is replaced after
 * CHUNK_REUSES slices because DuckDB keeps the strings assigned to a vector until the chunk is
 * reset or dropped.
 */
export function eventWriter(): (appender: DuckDBAppender, events: readonly VaernEvent[]) => void {
  let full: DuckDBDataChunk | undefined;
  let uses = 0;
  const allNull: boolean[] = new Array<boolean>(COLUMNS).fill(false);
  const cells: Cell[][] = Array.from({ length: COLUMNS }, () => new Array<Cell>(CHUNK_ROWS).fill(null));
  const any: boolean[] = new Array<boolean>(COLUMNS).fill(false);

  /** Sort one slice's fields into `cells`, column by column. */
  const gather = (events: readonly VaernEvent[], start: number, rows: number): void => {
    for (const col of cells) col.fill(null, 0, rows);
    any.fill(false);
    const extra = cells[EXTRA]!;
    for (let r = 0; r < rows; r++) {
      const e = events[start + r]! as Record<string, unknown>;
      let json = '';
      for (const name in e) {
        const v = e[name];
        const slot = SLOTS[name];
        if (v === undefined || v === null || slot === undefined) continue;
        if ('hot' in slot) {
          const cell = slot.numeric ? integer(v) : String(v);
          if (cell === null) continue;
          cells[slot.hot]![r] = cell;
          any[slot.hot] = true;
        } else {
          const m = member(slot.key, slot.type, v);
          if (m !== '') json = json === '' ? `{${m}` : `${json},${m}`;
        }
      }
      if (json !== '') {
        extra[r] = `${json}}`;
        any[EXTRA] = true;
      }
      for (let a = 0; a < ADDRESS_IPS.length; a++) {
        const ip = cells[ADDRESS_IPS[a]!]![r];
        if (typeof ip !== 'string') continue;
        const v4 = ipv4ToNumber(ip);
        const v6 = v4 === undefined ? ipv6ToBigInt(ip) : undefined;
        const c = EXTRA + 1 + 2 * a;
        if (v4 !== undefined) {
          cells[c]![r] = v4;
          any[c] = true;
        } else if (v6 !== undefined) {
          cells[c + 1]![r] = v6;
          any[c + 1] = true;
        }
      }
    }
  };

  const fill = (chunk: DuckDBDataChunk, rows: number, reused: boolean): void => {
    for (let c = 0; c < COLUMNS; c++) {
      if (reused && !any[c] && allNull[c]) continue;
      const values = cells[c]!;
      const vector = chunk.getColumnVector(c);
      for (let r = 0; r < rows; r++) vector.setItem(r, values[r]!);
      vector.flush();
      if (reused) allNull[c] = !any[c];
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
      gather(events, start, CHUNK_ROWS);
      fill(full, CHUNK_ROWS, true);
      uses++;
      appender.appendDataChunk(full);
    }
    const rest = events.length - start;
    if (rest > 0) {
      const chunk = DuckDBDataChunk.create(CHUNK_TYPES, rest);
      gather(events, start, rest);
      fill(chunk, rest, false);
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
