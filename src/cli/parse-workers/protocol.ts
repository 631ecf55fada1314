/**
 * Messages between `vaern parse` and its decode workers (see pool.ts). Kept in their own module so
 * the worker does not load the pool, and the pool does not load the decoders.
 */

/** What every worker is started with. */
export interface WorkerSetup {
  /** A registered syslog format (never `auto`: per-line detection remembers its last winner, so it must see lines in order). */
  readonly format: string;
  readonly tenant: string;
  readonly sensor: string;
  readonly keepOriginal: boolean;
  readonly tzOffsetMin: number;
  /** `log.file.path` of the events and the origin of the rejects. */
  readonly path: string;
}

/** Bytes of whole lines: every line ends with LF except, in the file's last job, the last one. */
export interface Job {
  readonly seq: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Byte offset of `bytes[0]` in the file. */
  readonly offset: number;
  /** A buffer of an earlier job's NDJSON, already written out, for this job's NDJSON (see pool.ts). */
  readonly out?: ArrayBuffer;
}

export interface JobResult {
  readonly seq: number;
  /** The events as NDJSON, UTF-8 encoded (its buffer is transferred, not copied). */
  readonly ndjson: Uint8Array<ArrayBuffer>;
  /** The job's input buffer, handed back for the next read (transferred). */
  readonly input: ArrayBuffer;
  /** Lines in the job, empty lines included. */
  readonly lines: number;
  readonly events: number;
  /** Rejected lines: 1-based line number within the job, and the reason. */
  readonly rejects: readonly { readonly line: number; readonly reason: string }[];
}
