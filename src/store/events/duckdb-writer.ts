import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

/**
 * A long-lived DuckDB appender that commits every `commitRows` rows or when asked.
 *
 * Each appender commit is a transaction with a large fixed cost for the 100-odd event columns,
 * so committing per 5,000-event batch caps ingest far below what one commit per 100k+ rows
 * reaches. Rows are also held back until a whole slice of `sliceRows` is ready, so the writer
 * sees full DataChunks. The store commits before every read, so callers read their own writes.
 *
 * Not reentrant: the store runs every call on its serial write queue.
 */
export interface BufferedAppender<T> {
  append(rows: readonly T[]): Promise<void>;
  /** Write held-back rows and commit; cheap when there are none. */
  commit(): void;
  /** Rows appended and not yet committed. */
  readonly pending: number;
  close(): void;
}

export interface BufferedAppenderOptions<T> {
  readonly table: string;
  readonly write: (appender: DuckDBAppender, rows: readonly T[]) => void;
  readonly commitRows: number;
  readonly sliceRows: number;
}

export function bufferedAppender<T>(conn: DuckDBConnection, opts: BufferedAppenderOptions<T>): BufferedAppender<T> {
  let appender: DuckDBAppender | undefined;
  let held: T[] = [];
  let pending = 0;

  const guarded = (a: DuckDBAppender, fn: (a: DuckDBAppender) => void): void => {
    try {
      fn(a);
    } catch (err) {
      // Cells never throw (duckdb-append.ts coerces), so this is a native failure; the appender
      // and its uncommitted rows cannot be trusted after it.
      discard();
      throw err;
    }
  };

  const discard = (): void => {
    const a = appender;
    appender = undefined;
    held = [];
    pending = 0;
    try {
      a?.closeSync();
    } catch {
      // Already failed: its error was raised by the call that broke it.
    }
  };

  const commit = (): void => {
    if (appender === undefined || pending === 0) return;
    const rest = held;
    held = [];
    pending = 0;
    guarded(appender, (a) => {
      if (rest.length > 0) opts.write(a, rest);
      a.flushSync();
    });
  };

  return {
    async append(rows: readonly T[]) {
      appender ??= await conn.createAppender(opts.table);
      for (const row of rows) held.push(row);
      pending += rows.length;
      const whole = held.length - (held.length % opts.sliceRows);
      if (whole > 0) {
        const ready = held.slice(0, whole);
        held = held.slice(whole);
        guarded(appender, (a) => opts.write(a, ready));
      }
      if (pending >= opts.commitRows) commit();
    },
    commit,
    get pending() {
      return pending;
    },
    close() {
      commit();
      appender?.closeSync();
      appender = undefined;
    },
  };
}
