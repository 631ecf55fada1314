import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BIGINT, DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import type { AggregateQuery, AggregateRow, EventFilter, EventQuery, EventStore, HistogramBucket, HistogramQuery, RejectQuery } from './event-store.ts';
import { quoteIdent } from './columns.ts';
import { CREATE_REJECTS_TABLE, EXTRA_COLUMN, HOT_COLUMNS, createEventsTable, migrateEventsTable } from './duckdb-schema.ts';
import { CHUNK_ROWS, appendRejects, eventWriter } from './duckdb-append.ts';
import { bufferedAppender } from './duckdb-writer.ts';
import { EVENTS_TABLE, FilterError, Params, REJECTS_TABLE, whereClause } from './duckdb-where.ts';
import { AGGREGATES } from './duckdb-aggregate.ts';

export interface DuckDbEventStoreOptions {
  /** Database file; undefined keeps everything in memory (tests, demos). */
  readonly path?: string;
  /** Commit appended events once this many are pending (default 200,000). */
  readonly commitRows?: number;
  /** Commit pending events at least this often, ms (default 1,000); reads always commit first. */
  readonly commitIntervalMs?: number;
  /** Checkpoint (compress committed rows into the file, empty the WAL) after this many appended events (default 1,000,000). */
  readonly checkpointRows?: number;
}

/**
 * DuckDB checkpoints by itself once the WAL passes `checkpoint_threshold` (16 MB by default:
 * ~30k FortiGate rows), inside the commit that crossed it. Appender commits are synchronous, so
 * that checkpoint ran on the event loop, every second commit or so: measured with the e2e mix it
 * was a third of the store's main-thread CPU, with the event loop blocked for up to 1.5 s. The
 * store checkpoints on its own schedule instead (checkpointRows), on DuckDB's thread rather than
 * the event loop; the threshold stays as a backstop should those checkpoints keep failing.
 */
const CHECKPOINT_THRESHOLD = '4GB';

/**
 * A page of events is a top-N by time over a wide row: without late materialisation DuckDB reads
 * and sorts every column of every matching row, with it only the time (and the filter columns),
 * then fetches the page's rows by row id. Its default cap (50 rows) is below a Hunt page (200);
 * this one covers the API's largest page. Measured on 300k events: 430 -> 50 ms CPU per page.
 */
const LATE_MATERIALIZATION_MAX_ROWS = 10_000n;

/**
 * The embedded event store: DuckDB in-process, one file.
 *
 * Appends go through long-lived appenders on one write connection, serialised by a queue, and
 * are committed in large groups (see duckdb-writer.ts): by size, by a timer, and before every
 * read, so a read sees every append called before it. Each read opens its own connection,
 * so reads run in parallel with each other.
 */
export async function openDuckDbEventStore(opts: DuckDbEventStoreOptions = {}): Promise<EventStore> {
  if (opts.path !== undefined) await mkdir(dirname(opts.path), { recursive: true });
  const instance = await DuckDBInstance.create(opts.path ?? ':memory:', {
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
    late_materialization_max_rows: String(LATE_MATERIALIZATION_MAX_ROWS),
  });
  const writer = await instance.connect();
  try {
    await migrate(writer);
  } catch (err) {
    writer.closeSync();
    instance.closeSync();
    throw err;
  }

  const events = bufferedAppender(writer, { table: 'events', write: eventWriter(), commitRows: opts.commitRows ?? 200_000, sliceRows: CHUNK_ROWS });
  const rejects = bufferedAppender(writer, { table: 'rejects', write: appendRejects, commitRows: 10_000, sliceRows: 1 });
  const commitAll = (): void => {
    events.commit();
    rejects.commit();
  };

  let writes: Promise<unknown> = Promise.resolve();
  /** Run write jobs one at a time, in call order; a failed job does not stop the next. */
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = writes.then(job, job);
    writes = run.catch(() => undefined);
    return run;
  };

  const checkpoint = async (): Promise<void> => {
    commitAll();
    await writer.run('CHECKPOINT');
  };
  const checkpointRows = opts.checkpointRows ?? 1_000_000;
  let uncheckpointed = 0;

  const timer = setInterval(() => {
    if (uncheckpointed >= checkpointRows) {
      const rows = uncheckpointed;
      uncheckpointed = 0;
      // A failed checkpoint loses nothing (the rows are committed, in the WAL): retry next tick.
      serial(checkpoint).catch(() => void (uncheckpointed += rows));
    } else if (events.pending + rejects.pending > 0) serial(async () => commitAll()).catch(() => undefined);
  }, opts.commitIntervalMs ?? 1_000);
  // The timer must not keep the process alive; close() commits what is left.
  timer.unref();

  const read = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    // Queued behind earlier appends, so a read sees every append called before it.
    await serial(async () => commitAll());
    const conn = await instance.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  };

  /**
   * Results are read column by column: the row-object form converts ~5x slower (measured 7 s of
   * CPU against 1.3 s for a 100k-row, 49-column CSV export), and a page of events has every
   * column, most of them NULL.
   */
  const select = (sql: string, p: Params) =>
    read(async (c) => {
      const result = await c.runAndReadAll(sql, p.values, p.types);
      return { rows: result.currentRowCount, columns: result.getColumnsObjectJS() };
    });

  /**
   * The time of the n-th event in order, or undefined when fewer match. A large export (100k
   * rows) is beyond late materialisation, and DuckDB's top-N then carries every column of every
   * matching row: 56 s of CPU on a month of one tenant (10M events). Events are stored roughly
   * in time order, so bounding the time by this cut lets zone maps skip all but the rows wanted;
   * finding the cut reads only the time and filter columns (measured 0.6 + 1.5 s CPU in all).
   */
  const nthTime = async (q: EventFilter, order: 'ASC' | 'DESC', n: bigint): Promise<bigint | undefined> => {
    const p = new Params();
    const where = whereClause(q, p, EVENTS_TABLE);
    const { columns } = await select(`SELECT "timestamp" AS t FROM events WHERE ${where} ORDER BY "timestamp" ${order} LIMIT 1 OFFSET ${p.add(n - 1n, BIGINT)}`, p);
    const t = columns['t']?.[0];
    return typeof t === 'bigint' ? t : undefined;
  };

  return {
    appendBatch: (batch: readonly VaernEvent[]) => {
      if (batch.length === 0) return Promise.resolve();
      uncheckpointed += batch.length;
      return serial(() => events.append(batch));
    },

    appendRejects: (batch: readonly Reject[]) => (batch.length === 0 ? Promise.resolve() : serial(() => rejects.append(batch))),

    async query(q: EventQuery) {
      const order = q.order === 'asc' ? 'ASC' : 'DESC';
      const n = limit(q.limit);
      const edge = n > LATE_MATERIALIZATION_MAX_ROWS ? await nthTime(q, order, n) : undefined;
      const p = new Params();
      let where = whereClause(q, p, EVENTS_TABLE);
      if (edge !== undefined) where += ` AND "timestamp" ${order === 'ASC' ? '<=' : '>='} ${p.add(edge, BIGINT)}`;
      const sql = `SELECT ${SELECT_EVENT} FROM events WHERE ${where} ORDER BY "timestamp" ${order} LIMIT ${p.add(n, BIGINT)}`;
      return toEvents(await select(sql, p));
    },

    async count(f: EventFilter) {
      const p = new Params();
      const { columns } = await select(`SELECT count(*) AS n FROM events WHERE ${whereClause(f, p, EVENTS_TABLE)}`, p);
      return Number(columns['n']?.[0] ?? 0);
    },

    async aggregate(q: AggregateQuery) {
      const shape = AGGREGATES[q.by];
      if (shape === undefined) throw new FilterError(`unknown aggregate key "${String(q.by)}"`);
      const p = new Params();
      const where = whereClause(q, p, EVENTS_TABLE);
      const label = shape.label === undefined ? '' : `, max(${shape.label}) AS label`;
      const inner = `SELECT ${shape.group} AS g, count(*) AS n, count(DISTINCT "source__ip") AS sources${label}
        FROM events WHERE ${where} AND ${shape.group} IS NOT NULL GROUP BY g`;
      const tail = shape.timeBucket ? 'ORDER BY g' : `ORDER BY n DESC, g${q.limit === undefined ? '' : ` LIMIT ${p.add(limit(q.limit), BIGINT)}`}`;
      const rows = rowObjects(await select(`SELECT ${shape.key('g')} AS key, n, sources${label === '' ? '' : ', label'} FROM (${inner}) ${tail}`, p));
      return rows.map((r): AggregateRow => {
        const row = { key: String(r['key']), count: Number(r['n']), sources: Number(r['sources']) };
        return typeof r['label'] === 'string' ? { ...row, label: r['label'] } : row;
      });
    },

    async histogram(q: HistogramQuery) {
      const shape = AGGREGATES[q.interval];
      const p = new Params();
      const inner = `SELECT ${shape.group} AS g, count(*) AS n FROM events WHERE ${whereClause(q, p, EVENTS_TABLE)} GROUP BY g`;
      const rows = rowObjects(await select(`SELECT ${shape.key('g')} AS key, n FROM (${inner}) ORDER BY g`, p));
      return rows.map((r): HistogramBucket => ({ key: String(r['key']), count: Number(r['n']) }));
    },

    async rejects(q: RejectQuery) {
      const p = new Params();
      const where = whereClause(q, p, REJECTS_TABLE);
      const rows = rowObjects(await select(`SELECT * FROM rejects WHERE ${where} ORDER BY received_at DESC LIMIT ${p.add(limit(q.limit), BIGINT)}`, p));
      return rows.map(toReject);
    },

    /** Rejects follow the same retention: they hold raw input, often personal data. */
    deleteBefore: (before: number) =>
      serial(async () => {
        commitAll();
        const cut = BigInt(Math.trunc(before));
        const deleted = await writer.run('DELETE FROM events WHERE "timestamp" < $1', [cut], [BIGINT]);
        await writer.run('DELETE FROM rejects WHERE received_at < $1', [cut], [BIGINT]);
        return deleted.rowsChanged;
      }),

    flush: () => serial(checkpoint),

    close: () =>
      serial(async () => {
        clearInterval(timer);
        events.close();
        rejects.close();
        await writer.run('CHECKPOINT');
        writer.closeSync();
        instance.closeSync();
      }),
  };
}

/**
 * Create the tables, and bring an older events table to the current layout. Each step commits on
 * its own (DuckDB refuses to commit an ALTER after an UPDATE of the same table in one
 * transaction) and is safe to repeat, so a migration cut short finishes on the next open.
 */
async function migrate(c: DuckDBConnection): Promise<void> {
  await c.run(createEventsTable());
  await c.run(CREATE_REJECTS_TABLE);
  const existing = new Set((await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'`)).getRowsJS().map((r) => String(r[0])));
  for (const sql of migrateEventsTable(existing)) await c.run(sql);
}

const SELECT_EVENT = [...HOT_COLUMNS.map((c) => quoteIdent(c.column)), quoteIdent(EXTRA_COLUMN)].join(', ');

function limit(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new FilterError(`limit: expected a non-negative integer, got ${n}`);
  return BigInt(n);
}

type JsRow = Record<string, unknown>;

interface Columns {
  readonly rows: number;
  readonly columns: Record<string, readonly unknown[]>;
}

function rowObjects({ rows, columns }: Columns): JsRow[] {
  const entries = Object.entries(columns);
  return Array.from({ length: rows }, (_, i) => Object.fromEntries(entries.map(([name, values]) => [name, values[i]])));
}

function toEvents({ rows, columns }: Columns): VaernEvent[] {
  const out = Array.from({ length: rows }, (): Record<string, unknown> => ({}));
  for (const c of HOT_COLUMNS) {
    const values = columns[c.column] ?? [];
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) out[i]![c.field] = typeof v === 'bigint' ? Number(v) : v;
    }
  }
  const extras = columns[EXTRA_COLUMN] ?? [];
  for (let i = 0; i < rows; i++) {
    const extra = extras[i];
    if (typeof extra !== 'string') continue;
    // Members are already in their JS form (duckdb-append.ts); a migrated row may hold nulls.
    for (const [field, v] of Object.entries(JSON.parse(extra) as Record<string, unknown>)) if (v !== null) out[i]![field] = v;
  }
  return out as VaernEvent[];
}

function toReject(r: JsRow): Reject {
  const out: Reject = {
    receivedAt: Number(r['received_at']),
    tenant: String(r['tenant']),
    sensor: String(r['sensor']),
    origin: String(r['origin']),
    format: String(r['format']),
    reason: String(r['reason']),
    raw: String(r['raw']),
  };
  if (r['line'] !== null) out.line = Number(r['line']);
  if (r['offset'] !== null) out.offset = Number(r['offset']);
  return out;
}
