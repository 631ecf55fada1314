import { readSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Job, JobResult, WorkerSetup } from './protocol.ts';

/** Input bytes per job: large enough that messaging costs nothing, small enough to keep memory bounded. */
const JOB_BYTES = 4 << 20;
/** Spare room in a job's input buffer for the partial line carried over from the previous read. */
const CARRY_ROOM = 64 << 10;
/** Jobs in flight (sent and not yet written out) per worker: one being decoded, one queued. */
const JOBS_PER_WORKER = 2;

/**
 * The environment of the workers, with Node's compile cache on: each worker loads the decoders
 * afresh, and stripping and compiling their TypeScript cost about 0.5 CPU-s per worker and run;
 * from the cache (a temp directory Node keeps per version) about half. NODE_DISABLE_COMPILE_CACHE
 * turns it off.
 */
function workerEnv(): NodeJS.ProcessEnv {
  const cache = enableCompileCache();
  return cache.directory === undefined ? process.env : { ...process.env, NODE_COMPILE_CACHE: cache.directory };
}

/** Where decoded jobs go, in input order. */
export interface JobSink {
  /** Writes one job's NDJSON; resolves when the output can take more. */
  write(ndjson: Uint8Array, events: number): Promise<void>;
  /** Reports rejected lines, numbered in the file. */
  rejected(rejects: readonly { line: number; reason: string }[]): void;
}

/**
 * Decodes an open file with `workers` threads: the main thread reads the file in 4 MiB pieces cut
 * at line ends, workers decode and serialise them (worker.ts), and results are written in input
 * order. At most JOBS_PER_WORKER pieces per worker are in flight, so memory stays bounded
 * whatever the file's size. Returns the number of lines read. Throws when a worker fails.
 *
 * Buffers go round rather than being allocated per job: a worker hands back each job's input
 * buffer with its result, and each NDJSON buffer, once written out, goes to a later job for its
 * output. Fresh buffers cost a page fault per 4 KiB touched, which was about a fifth of a run's
 * CPU time (system time) on a loaded VM.
 */
export async function parseInWorkers(handle: FileHandle, setup: WorkerSetup, workers: number, sink: JobSink, jobBytes = JOB_BYTES): Promise<number> {
  const env = workerEnv();
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./worker.ts', import.meta.url), { workerData: setup, env }));
  const busy = pool.map(() => 0);
  // One promise per job in flight, settled by its worker's answer: the loop below awaits exactly
  // the job it must write next, so no wake-up can be missed whatever order answers come in.
  const results = new Map<number, Promise<JobResult>>();
  const settle = new Map<number, { resolve: (r: JobResult) => void; reject: (err: Error) => void }>();
  pool.forEach((w, i) => {
    w.on('message', (r: JobResult) => {
      busy[i]!--;
      settle.get(r.seq)?.resolve(r);
      settle.delete(r.seq);
    });
    w.on('error', (err) => {
      for (const s of settle.values()) s.reject(err);
      settle.clear();
    });
  });

  const spareInputs: ArrayBuffer[] = [];
  const spareOutputs: ArrayBuffer[] = [];
  let carry = Buffer.alloc(0);
  let offset = 0;
  let sent = 0;
  let written = 0;
  let lines = 0;
  let eof = false;
  const send = (bytes: Buffer<ArrayBuffer>): void => {
    let w = 0;
    for (let i = 1; i < pool.length; i++) if (busy[i]! < busy[w]!) w = i;
    busy[w]!++;
    const seq = sent++;
    const result = new Promise<JobResult>((resolve, reject) => settle.set(seq, { resolve, reject }));
    result.catch(() => undefined); // awaited (and so reported) in order below, not here
    results.set(seq, result);
    const out = spareOutputs.pop();
    const job: Job = out === undefined ? { seq, bytes, offset } : { seq, bytes, offset, out };
    // Counted before the transfer, which leaves `bytes` empty.
    offset += bytes.length;
    pool[w]!.postMessage(job, out === undefined ? [bytes.buffer] : [bytes.buffer, out]);
  };
  try {
    for (;;) {
      while (!eof && sent - written < workers * JOBS_PER_WORKER) {
        // A buffer of its own per job (unpooled), so it can be handed to the worker rather than copied.
        const spare = spareInputs.pop();
        const need = carry.length + jobBytes;
        // Room for a longer carry next time, so the buffer can go round again.
        const buf = spare !== undefined && spare.byteLength >= need ? Buffer.from(spare) : Buffer.allocUnsafeSlow(need + CARRY_ROOM);
        carry.copy(buf);
        // A synchronous read (a few ms from the page cache) while the workers run.
        const bytesRead = readSync(handle.fd, buf, carry.length, jobBytes, null);
        const size = carry.length + bytesRead;
        if (bytesRead === 0) {
          eof = true;
          if (size > 0) send(buf.subarray(0, size));
          break;
        }
        const cut = buf.lastIndexOf(10, size - 1) + 1;
        carry = Buffer.from(buf.subarray(cut, size));
        if (cut > 0) send(buf.subarray(0, cut));
      }
      if (written === sent) return lines;
      const r = await results.get(written)!;
      results.delete(written++);
      if (r.rejects.length > 0) sink.rejected(r.rejects.map((x) => ({ line: lines + x.line, reason: x.reason })));
      lines += r.lines;
      spareInputs.push(r.input);
      await sink.write(r.ndjson, r.events);
      spareOutputs.push(r.ndjson.buffer);
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
