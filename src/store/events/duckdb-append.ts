import duckdb from '@duckdb/node-bindings';
import { BIGINT, DuckDBDataChunk, UHUGEINT, UINTEGER, VARCHAR, type DuckDBAppender, type DuckDBType } from '@duckdb/node-api';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import type { FieldType } from '../../model/fields.ts';
import { ADDRESS_ENDS } from './columns.ts';
import { HOT_COLUMNS, SPARSE_COLUMNS } from './duckdb-schema.ts';
import { ipv4ToNumber, ipv6ToBigInt } from './address.ts';

/**
 * Writing events into DuckDB as DataChunks, 2,048 rows at a time, with the vectors' bytes laid out
 * in JS and copied in one native call per column.
 *
 * @duckdb/node-api's vector setters are not used: a VARCHAR vector's flush makes one native call
 * per string, BIGINT cells need a BigInt each, and validity bits go through BigInt arithmetic;
 * together that was ~15 µs per FortiGate event, most of the store's main-thread cost. Here a
 * string of up to 12 UTF-8 bytes is written inline into its 16-byte `string_t`, as DuckDB itself
 * does, and a longer one is handed to DuckDB once per chunk: its `string_t` (length, prefix and a
 * pointer into the vector's string heap) is read back and copied to every later row with the same
 * text, as a dictionary would. The heap lives as long as the chunk, which is replaced every
 * CHUNK_REUSES slices, so a cached pointer never outlives it.
 *
 * One pass over each event's own keys sorts its fields into the hot columns' cells and the `extra`
 * JSON text (duckdb-schema.ts), so the cost follows the fields an event has, not the size of the
 * catalogue. The column order matches EVENT_TABLE_COLUMNS.
 */

/** Hot fields never hold lists (duckdb-schema.ts); numbers fill BIGINT and IPv4 columns, bigint the IPv6 ones. */
type Cell = bigint | number | string | null;

type Kind = 'int64' | 'text' | 'uint32' | 'uint128';
const WIDTH: Record<Kind, number> = { int64: 8, text: 16, uint32: 4, uint128: 16 };
const KIND_TYPES: Record<Kind, DuckDBType> = { int64: BIGINT, text: VARCHAR, uint32: UINTEGER, uint128: UHUGEINT };
const FIELD_KINDS: Record<Exclude<FieldType, 'keyword[]'>, Kind> = { date: 'int64', long: 'int64', ip: 'text', keyword: 'text', text: 'text' };

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

const KINDS: readonly Kind[] = [...HOT_COLUMNS.map((c) => FIELD_KINDS[c.type as Exclude<FieldType, 'keyword[]'>]), 'text', ...ADDRESS_ENDS.flatMap((): Kind[] => ['uint32', 'uint128'])];
const CHUNK_TYPES: readonly DuckDBType[] = KINDS.map((k) => KIND_TYPES[k]);
const COLUMNS = KINDS.length;

/** Rows per chunk: DuckDB's vector size. */
export const CHUNK_ROWS = 2048;

/** Slices written through one chunk before it is replaced, bounding its string heap. */
const CHUNK_REUSES = 32;

/**
 * Distinct long strings remembered per column and chunk. Columns of repeated text (sensor,
 * vendor, AS names) stay far below it; one of unique text (`extra`, public addresses) stops
 * caching there instead of filling memory with strings that never come back.
 */
const CACHE_MAX = 4096;

/** The `string_t` inline limit: longer text lives in the vector's heap. */
const INLINE_BYTES = 12;

/**
 * The BIGINT range. A value outside it (a 64-bit counter read as unsigned, an all-ones "unknown")
 * is stored as the nearest end rather than wrapping or failing the batch: the event is kept, and
 * the value still sorts and compares as "huge".
 */
const INT64_MAX = 2 ** 63;
const INT64_MIN_TEXT = '-9223372036854775808';
const INT64_MAX_TEXT = '9223372036854775807';

const utf8 = new TextEncoder();

/**
 * Cells coerce rather than throw: one malformed value from a decoder must not lose a batch (and
 * with it the appender's uncommitted rows). A non-finite number or a non-array list is left out.
 */
function integer(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
}

/** An integer as JSON, saturated like the BIGINT columns so `extra` reads back the same. */
function integerText(n: number): string {
  return n >= INT64_MAX ? INT64_MAX_TEXT : n < -INT64_MAX ? INT64_MIN_TEXT : String(n);
}

/** `"field":value` for `extra`, or '' when the value is left out. */
function member(key: string, type: FieldType, v: unknown): string {
  switch (type) {
    case 'date':
    case 'long': {
      const n = integer(v);
      return n === null ? '' : key + integerText(n);
    }
    case 'keyword[]':
      return Array.isArray(v) ? key + JSON.stringify(v.map(String)) : '';
    default:
      return key + JSON.stringify(String(v));
  }
}

/** One column's bytes as laid out in JS before the copy into its vector. */
interface Column {
  readonly kind: Kind;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly words: Uint32Array;
  readonly validity: Uint8Array<ArrayBuffer>;
  /** The vector of the current chunk holds NULL in every row (a fresh vector holds no NULLs). */
  allNull: boolean;
  /** Long strings already in this chunk's heap: their `string_t` bytes. */
  readonly known: Map<string, Uint8Array>;
}

function column(kind: Kind): Column {
  const bytes = new Uint8Array(CHUNK_ROWS * WIDTH[kind]);
  return { kind, bytes, words: new Uint32Array(bytes.buffer), validity: new Uint8Array(CHUNK_ROWS / 8), allNull: false, known: new Map() };
}

/** `n` as a little-endian two's complement int64 at word `w`, saturated at the BIGINT ends. */
function putInt64(words: Uint32Array, w: number, n: number): void {
  if (n >= INT64_MAX) {
    words[w] = 0xffffffff;
    words[w + 1] = 0x7fffffff;
  } else if (n < -INT64_MAX) {
    words[w] = 0;
    words[w + 1] = 0x80000000;
  } else {
    // Exact for every integral double: dividing by 2^32 and flooring lose nothing.
    const hi = Math.floor(n / 4294967296);
    words[w] = n - hi * 4294967296;
    words[w + 1] = hi;
  }
}

/**
 * Write `s` inline at `at` when it fits in 12 UTF-8 bytes; false when it must go to the heap.
 * The slot was zeroed: DuckDB compares inline strings on all 16 bytes.
 */
function putInline(bytes: Uint8Array, at: number, s: string): boolean {
  if (s.length > INLINE_BYTES) return false;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    bytes[at + 4 + i] = c;
  }
  if (i < s.length) {
    const { read, written } = utf8.encodeInto(s, bytes.subarray(at + 4, at + 16));
    if (read < s.length) {
      bytes.fill(0, at + 4, at + 16);
      return false;
    }
    i = written;
  }
  bytes[at] = i;
  return true;
}

/**
 * A writer of events into appenders. All slices go through one chunk, replaced every
 * CHUNK_REUSES slices because DuckDB keeps the strings assigned to a vector until the chunk is
 * dropped. A column that was NULL throughout the previous slice and is again is not touched at
 * all: its validity mask already says NULL.
 */
export function eventWriter(): (appender: DuckDBAppender, events: readonly VaernEvent[]) => void {
  let chunk: DuckDBDataChunk | undefined;
  let vectors: duckdb.Vector[] = [];
  let uses = 0;
  const columns = KINDS.map(column);
  const cells: Cell[][] = Array.from({ length: COLUMNS }, () => new Array<Cell>(CHUNK_ROWS).fill(null));
  const any: boolean[] = new Array<boolean>(COLUMNS).fill(false);
  /** Rows whose long string is handed to DuckDB, and rows that copy one assigned in this slice. */
  const assigned: number[] = [];
  const copies: number[] = [];

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

  /** Lay out one text column; long strings not yet in the heap are assigned through `vector`. */
  const text = (col: Column, vector: duckdb.Vector, values: readonly Cell[], rows: number): void => {
    const { bytes, known } = col;
    assigned.length = 0;
    copies.length = 0;
    /** Long strings first met in this slice, by the row that assigns them. */
    const fresh = new Map<string, number>();
    for (let r = 0; r < rows; r++) {
      const s = values[r];
      if (typeof s !== 'string') continue;
      const at = r * 16;
      if (putInline(bytes, at, s)) continue;
      const cached = known.get(s);
      if (cached !== undefined) {
        bytes.set(cached, at);
        continue;
      }
      const first = fresh.get(s);
      if (first !== undefined) {
        copies.push(r, first);
        continue;
      }
      if (known.size + fresh.size < CACHE_MAX) fresh.set(s, r);
      duckdb.vector_assign_string_element(vector, r, s);
      assigned.push(r);
    }
    if (assigned.length === 0) return;
    // The assigned `string_t`s now point into the vector's heap: take them into the layout.
    const written = duckdb.vector_get_data(vector, rows * 16);
    for (const r of assigned) bytes.set(written.subarray(r * 16, r * 16 + 16), r * 16);
    for (const [s, r] of fresh) known.set(s, bytes.slice(r * 16, r * 16 + 16));
    for (let i = 0; i < copies.length; i += 2) bytes.copyWithin(copies[i]! * 16, copies[i + 1]! * 16, copies[i + 1]! * 16 + 16);
  };

  const fill = (rows: number): void => {
    for (let c = 0; c < COLUMNS; c++) {
      const col = columns[c]!;
      if (!any[c] && col.allNull) continue;
      const values = cells[c]!;
      const vector = vectors[c]!;
      const { bytes, words, validity } = col;
      bytes.fill(0, 0, rows * WIDTH[col.kind]);
      validity.fill(0);
      for (let r = 0; r < rows; r++) {
        const v = values[r];
        if (v === null || v === undefined) continue;
        validity[r >> 3]! |= 1 << (r & 7);
        if (col.kind === 'int64') putInt64(words, 2 * r, v as number);
        else if (col.kind === 'uint32') words[r] = v as number;
        else if (col.kind === 'uint128') {
          const n = v as bigint;
          for (let k = 0; k < 4; k++) words[4 * r + k] = Number((n >> BigInt(32 * k)) & 0xffffffffn);
        }
      }
      if (col.kind === 'text') text(col, vector, values, rows);
      duckdb.copy_data_to_vector(vector, 0, bytes.buffer, 0, rows * WIDTH[col.kind]);
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, CHUNK_ROWS / 8);
      col.allNull = !any[c];
    }
  };

  const slice = (appender: DuckDBAppender, events: readonly VaernEvent[], start: number, rows: number): void => {
    if (chunk === undefined || uses === CHUNK_REUSES) {
      chunk = DuckDBDataChunk.create(CHUNK_TYPES, CHUNK_ROWS);
      const raw = chunk.chunk;
      vectors = KINDS.map((_, c) => duckdb.data_chunk_get_vector(raw, c));
      uses = 0;
      for (const col of columns) {
        col.allNull = false;
        col.known.clear();
      }
    }
    uses++;
    chunk.rowCount = rows;
    gather(events, start, rows);
    fill(rows);
    appender.appendDataChunk(chunk);
  };

  return (appender, events) => {
    for (let start = 0; start < events.length; start += CHUNK_ROWS) slice(appender, events, start, Math.min(CHUNK_ROWS, events.length - start));
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
