import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

/**
 * A long-lived DuckDB appender that commits every `flushRows` rows or when asked.
 *
 * Each appender commit is a transaction with a large fixed cost (for the 100-odd event columns,
 * a few hundred ms), so committing per 5,000-event batch caps ingest near 20k events/s while one
 * commit per 100k+ rows reaches several hundred thousand. The store commits pending rows before
 * every read, so callers still read their own writes.
 *
 * Not reentrant: the store runs every call on its serial write queue.
 */
export interface BufferedAppender<T> {
  append(rows: readonly T[]): Promise<void>;
  /** Commit pending rows; cheap when there are none. */
  commit(): void;
  readonly pending: number;
  close(): void;
}

export function bufferedAppender<T>(
  conn: DuckDBConnection,
  table: string,
  write: (appender: DuckDBAppender, rows: readonly T[]) => void,
  flushRows: number,
): BufferedAppender<T> {
  let appender: DuckDBAppender | undefined;
  let pending = 0;

  const commit = (): void => {
    if (appender === undefined || pending === 0) return;
    pending = 0;
    try {
      appender.flushSync();
    } catch (err) {
      // A failed commit leaves the appender unusable; start a fresh one next time.
      discard();
      throw err;
    }
  };

  const discard = (): void => {
    const a = appender;
    appender = undefined;
    pending = 0;
    try {
      a?.closeSync();
    } catch {
      // Already failed: its error was raised by the call that broke it.
    }
  };

  return {
    async append(rows: readonly T[]) {
      appender ??= await conn.createAppender(table);
      try {
        write(appender, rows);
      } catch (err) {
        // Cell conversion never throws (duckdb-append.ts coerces), so this is a native failure;
        // the appender and its uncommitted rows cannot be trusted after it.
        discard();
        throw err;
      }
      pending += rows.length;
      if (pending >= flushRows) commit();
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
