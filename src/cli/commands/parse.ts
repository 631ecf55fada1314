import type { Command } from 'commander';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { toEcsJson } from '../../model/ecs-json.ts';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import { formats, getDecoder } from '../../telemetry/decoders/registry.ts';
import { FILE_FORMATS } from '../../telemetry/files/line-decoder.ts';
import { decodeStream, readLogFile, type FileBatch } from '../../telemetry/files/read-log-file.ts';
import { parseZoneOffset } from '../../telemetry/syslog/timestamp.ts';
import type { parseNetflowFiles } from '../../telemetry/netflow/files.ts';
import { parseInWorkers } from '../parse-workers/pool.ts';
import type { WorkerSetup } from '../parse-workers/protocol.ts';

interface ParseOptions {
  format: string;
  keepOriginal?: boolean;
  tenant: string;
  sensor: string;
  tz?: string;
  workers?: string;
}

/** Below this size a file is decoded on the main thread: starting workers would cost more than it saves. */
const WORKERS_MIN_BYTES = 32 << 20;

/**
 * `vaern parse FILE...`: decode log files (or `-` for stdin) to ECS NDJSON on stdout, one event per
 * line, each with log.file.path and log.offset. Bad lines go to stderr as `FILE:LINE: reason` and
 * do not stop the run; a summary ends stderr. Exit status 0 when the input was read, 2 when a file
 * cannot be opened or the format is unknown.
 */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('decode log files to ECS JSON lines on stdout (rejects and a summary on stderr)')
    .argument('<files...>', 'files to read; - for stdin')
    .option('--format <format>', `auto, netflow, ${FILE_FORMATS.join(', ')} or one of: ${formats().join(', ')}`, 'auto')
    .option('--keep-original', 'keep each raw line in event.original')
    .option('--tenant <tenant>', 'vaern.tenant of the events', 'default')
    .option('--sensor <sensor>', 'vaern.sensor of the events', 'cli')
    .option('--tz <offset>', 'time zone of syslog times without one, e.g. +01:00 (default UTC)')
    .option('--workers <n>', 'decode threads for a fixed --format (default: one per CPU for files over 32 MiB; 0: none)')
    .action(async (files: string[], options: ParseOptions) => {
      process.exitCode = await runParse(files, options);
    });
}

class Output {
  events = 0;
  rejects = 0;

  async write(events: readonly VaernEvent[]): Promise<void> {
    if (events.length === 0) return;
    let out = '';
    for (const e of events) out += `${toEcsJson(e)}\n`;
    await this.writeNdjson(out, events.length);
  }

  /** Events already serialised (by a parse worker). */
  async writeNdjson(ndjson: string | Uint8Array, events: number): Promise<void> {
    if (events === 0) return;
    this.events += events;
    // Waits for this write's own callback rather than for 'drain': under load, a worker run piping
    // into `wc -l` stalled for good with every thread idle; a callback cannot be missed.
    await new Promise<void>((resolve, reject) => process.stdout.write(ndjson, (err) => (err ? reject(err) : resolve())));
  }

  rejected(label: string, rejects: readonly Pick<Reject, 'line' | 'reason'>[]): void {
    if (rejects.length === 0) return;
    this.rejects += rejects.length;
    let out = '';
    for (const r of rejects) out += r.line !== undefined ? `${label}:${r.line}: ${r.reason}\n` : `${label}: ${r.reason}\n`;
    process.stderr.write(out);
  }
}

async function runParse(files: string[], options: ParseOptions): Promise<number> {
  const tzOffsetMin = options.tz === undefined ? 0 : parseZoneOffset(options.tz);
  if (tzOffsetMin === undefined) {
    process.stderr.write(`vaern parse: bad --tz "${options.tz}" (use +01:00, -0500 or Z)\n`);
    return 2;
  }
  if (options.workers !== undefined && !/^\d{1,3}$/.test(options.workers)) {
    process.stderr.write(`vaern parse: bad --workers "${options.workers}" (a number, 0 for none)\n`);
    return 2;
  }
  // A closed stdout (`| head`) ends the run quietly rather than with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const out = new Output();
  let status: number;
  if (options.format === 'netflow') {
    status = await parseNetflow(files, options, out);
  } else if (options.format !== 'auto' && getDecoder(options.format) === undefined && !(FILE_FORMATS as readonly string[]).includes(options.format)) {
    process.stderr.write(`vaern parse: unknown format "${options.format}"; known: auto, netflow, ${[...FILE_FORMATS, ...formats()].join(', ')}\n`);
    return 2;
  } else {
    status = 0;
    let lines = 0;
    for (const path of files) {
      const read = await parseFile(path, options, tzOffsetMin, out);
      if (read < 0) status = 2;
      else lines += read;
    }
    process.stderr.write(`vaern parse: ${lines} lines from ${files.length} file(s): ${out.events} events, ${out.rejects} rejected\n`);
    return status;
  }
  process.stderr.write(`vaern parse: ${out.events} events, ${out.rejects} rejected\n`);
  return status;
}

/**
 * Returns the number of lines read, or -1 when the file cannot be read. Any format, gzip or not;
 * `auto` settles each file's format at its first line (Zeek TSV header, EVE JSON, Zeek JSON, syslog).
 */
async function parseFile(path: string, options: ParseOptions, tzOffsetMin: number, out: Output): Promise<number> {
  const ctx = { tenant: options.tenant, sensor: options.sensor, format: options.format, keepOriginal: options.keepOriginal === true, tzOffsetMin };
  if (path !== '-' && getDecoder(options.format) !== undefined && options.workers !== '0') {
    try {
      const lines = await parseWithWorkers(path, { ...ctx, path }, options.workers, out);
      if (lines !== undefined) return lines;
    } catch (err) {
      process.stderr.write(`vaern parse: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}\n`);
      return -1;
    }
  }
  const batches: AsyncIterable<FileBatch> = path === '-' ? decodeStream(process.stdin, '-', ctx) : readLogFile(path, ctx);
  let lines = 0;
  try {
    for await (const { events, rejects, lines: n } of batches) {
      lines += n;
      out.rejected(path, rejects);
      await out.write(events);
    }
  } catch (err) {
    process.stderr.write(`vaern parse: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}\n`);
    return -1;
  }
  return lines;
}

/**
 * A large plain file in a fixed syslog format, decoded on worker threads (src/cli/parse-workers);
 * undefined when the file is small or gzip-compressed, for the single-threaded reader.
 */
async function parseWithWorkers(path: string, setup: WorkerSetup, workers: string | undefined, out: Output): Promise<number | undefined> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) return undefined;
    const n = workers !== undefined ? Number(workers) : (await handle.stat()).size >= WORKERS_MIN_BYTES ? availableParallelism() : 0;
    if (n === 0) return undefined;
    return await parseInWorkers(handle, setup, n, {
      write: (ndjson, events) => out.writeNdjson(ndjson, events),
      rejected: (rejects) => out.rejected(path, rejects),
    });
  } finally {
    await handle.close();
  }
}

async function parseNetflow(files: string[], options: ParseOptions, out: Output): Promise<number> {
  // Loaded on demand: NetFlow support is a separate module that plain syslog parsing never needs.
  let netflow: { parseNetflowFiles: typeof parseNetflowFiles };
  try {
    netflow = await import('../../telemetry/netflow/files.ts');
  } catch (err) {
    process.stderr.write(`vaern parse: NetFlow support is not available: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  for await (const { events, rejects } of netflow.parseNetflowFiles(files, { tenant: options.tenant, sensor: options.sensor })) {
    for (const r of rejects) out.rejected(r.origin, [r]);
    await out.write(events);
  }
  return 0;
}
