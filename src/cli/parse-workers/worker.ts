import { isAscii } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
import { toEcsJson } from '../../model/ecs-json.ts';
import { decodeBatch } from '../../telemetry/decode-batch.ts';
import type { Job, JobResult, WorkerSetup } from './protocol.ts';

/**
 * A `vaern parse` decode worker: bytes of whole lines in, NDJSON bytes out, with the same line
 * cutting as readLineBatches (LF ends a line, a CR before it is dropped) and the same decoding as
 * the single-threaded path (decodeBatch, toEcsJson).
 */
const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('parse worker started outside a worker thread');

/**
 * Lines decoded and serialised together. Small on purpose: a job holds thousands of lines, and
 * keeping all their strings, events and ECS objects alive until the job's end made the young
 * generation copy them over and over; in small groups they die young, which is nearly free.
 */
const GROUP = 256;

port.on('message', (job: Job) => {
  const result = decode(job);
  port.postMessage(result, [result.ndjson.buffer, result.input]);
});

function decode(job: Job): JobResult {
  const buf = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const encoding = isAscii(buf) ? 'latin1' : 'utf8';
  const out = new Output(job.out ?? buf.length * 2);
  const rejected: { line: number; reason: string }[] = [];
  let lineNo = 1;
  let events = 0;
  let start = 0;
  while (start < buf.length) {
    const lines: string[] = [];
    const offsets: number[] = [];
    while (start < buf.length && lines.length < GROUP) {
      let nl = buf.indexOf(10, start);
      if (nl < 0) nl = buf.length;
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      // One string per line, copied out of the buffer, rather than slices of one big string: the
      // decoders' character scans run markedly faster on a flat string than on a slice of another.
      lines.push(buf.toString(encoding, start, end));
      offsets.push(job.offset + start);
      start = nl + 1;
    }
    const r = decodeBatch(lines, {
      tenant: setup.tenant, sensor: setup.sensor, format: setup.format, origin: setup.path, receivedAt: Date.now(),
      keepOriginal: setup.keepOriginal, tzOffsetMin: setup.tzOffsetMin,
      file: { path: setup.path, firstLine: lineNo, offsets },
    });
    for (const e of r.events) out.line(toEcsJson(e));
    for (const x of r.rejects) rejected.push({ line: x.line ?? 0, reason: x.reason });
    events += r.events.length;
    lineNo += lines.length;
  }
  return { seq: job.seq, ndjson: out.bytes(), input: job.bytes.buffer, lines: lineNo - 1, events, rejects: rejected };
}

/**
 * NDJSON written straight into bytes, one line at a time: encoding one big string of all the
 * events instead (TextEncoder, or stdout doing it) cost about a quarter of the worker's time.
 */
class Output {
  private buf: Buffer<ArrayBuffer>;
  private size = 0;

  /** A buffer to reuse, or the capacity of a new one. */
  constructor(reuse: ArrayBuffer | number) {
    this.buf = typeof reuse === 'number' ? Buffer.allocUnsafeSlow(Math.max(reuse, 1024)) : Buffer.from(reuse);
  }

  line(text: string): void {
    const need = this.size + text.length * 3 + 1;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, need));
      this.buf.copy(bigger, 0, 0, this.size);
      this.buf = bigger;
    }
    this.size += this.buf.write(text, this.size);
    this.buf[this.size++] = 10;
  }

  bytes(): Buffer<ArrayBuffer> {
    return this.buf.subarray(0, this.size);
  }
}
