import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Job, JobResult, WorkerSetup } from './protocol.ts';

/** Input bytes per job: large enough that messaging costs nothing, small enough to keep memory bounded. */
const JOB_BYTES = 4 << 20;
/** Jobs in flight (sent and not yet written out) per worker: one being decoded, one queued. */
const JOBS_PER_WORKER = 2;

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
 */
export async function parseInWorkers(handle: FileHandle, setup: WorkerSetup, workers: number, sink: JobSink): Promise<number> {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./worker.ts', import.meta.url), { workerData: setup }));
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
    const job: Job = { seq, bytes, offset };
    // Counted before the transfer, which leaves `bytes` empty.
    offset += bytes.length;
    pool[w]!.postMessage(job, [bytes.buffer]);
  };
  try {
    for (;;) {
      while (!eof && sent - written < workers * JOBS_PER_WORKER) {
        // A fresh, unpooled buffer per job, so it can be handed to the worker rather than copied.
        const buf = Buffer.allocUnsafeSlow(carry.length + JOB_BYTES);
        carry.copy(buf);
        // A synchronous read (a few ms from the page cache) while the workers run.
        const bytesRead = readSync(handle.fd, buf, carry.length, JOB_BYTES, null);
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
      await sink.write(r.ndjson, r.events);
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
