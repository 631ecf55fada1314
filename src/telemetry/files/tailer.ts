import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { BatchResult } from '../decode-batch.ts';
import { readLineBatches, type LineBatch } from '../syslog/file-lines.ts';
import { loadCheckpoints, saveCheckpoints, type FileCheckpoint } from './checkpoints.ts';
import { createLineDecoder, type FileContext, type LineDecoder } from './line-decoder.ts';

/** A decoded batch from one file, handed to the consumer. */
export interface TailBatch extends BatchResult {
  readonly path: string;
}

export interface TailerOptions extends FileContext {
  readonly dir: string;
  /** Where checkpoints are kept (one JSON file, replaced atomically). */
  readonly checkpointPath: string;
  /**
   * The consumer. The returned promise is the acknowledgement: the checkpoint moves past the
   * batch only once it resolves (the batch is stored). A rejection stops the poll; the batch is
   * read again on the next one.
   */
  readonly onBatch: (batch: TailBatch) => Promise<void>;
  /** File names to follow. Default: `*.log`, `*.json`, rotated `*.1`, and their `.gz` archives. */
  readonly match?: RegExp;
  /** Default 1000 ms. */
  readonly pollMs?: number;
  /** Bytes read per step (and per batch). Default 1 MiB. */
  readonly readBytes?: number;
  /** Checkpoints of files gone from the directory are kept this long (a file may come back as an archive). Default 7 days. */
  readonly forgetAfterMs?: number;
  readonly now?: () => number;
  readonly onError?: (err: Error) => void;
}

const DEFAULT_MATCH = /\.(?:log|json)(?:\.\d+)?(?:\.gz)?$/;
/** Bytes of content hashed to recognise a file. */
const HEAD_BYTES = 1024;
/** Bytes searched for a Zeek header when resuming inside a file. */
const HEADER_BYTES = 64 * 1024;
/** A line longer than this is cut rather than waited for. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Follows the log files in one directory, as Zeek (`conn.log`, rotated `conn.<time>.log.gz`) and
 * Suricata (`eve.json`, rotated `eve.json.1`, `eve.json.1.gz`) write them:
 *
 * - live files are read as lines are appended, up to the last complete line;
 * - a rotation by rename keeps the inode, so the renamed file is read to its end from where the
 *   tailer was, and the new file under the old name starts from 0;
 * - truncation (size below the checkpoint) or a reused inode (first bytes differ) restarts at 0;
 * - a `.gz` archive is read once; when its content is a file already (partly) read — the rotated
 *   file compressed — reading resumes at that file's offset, so nothing is read twice;
 * - the checkpoints are saved atomically after each acknowledged batch, so a restart resumes
 *   without loss or duplicates. A crash between the consumer storing a batch and the checkpoint
 *   write repeats that one batch (at-least-once).
 *
 * Polls rather than using fs.watch: polling sees renames and truncation reliably on every file
 * system, and a second of latency is fine for NDR.
 */
export class DirectoryTailer {
  private readonly opts: TailerOptions;
  private readonly match: RegExp;
  private readonly readBytes: number;
  private readonly now: () => number;
  private checkpoints: FileCheckpoint[];
  private readonly decoders = new Map<FileCheckpoint, LineDecoder>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  private constructor(opts: TailerOptions, checkpoints: FileCheckpoint[]) {
    this.opts = opts;
    this.match = opts.match ?? DEFAULT_MATCH;
    this.readBytes = opts.readBytes ?? 1024 * 1024;
    this.now = opts.now ?? Date.now;
    this.checkpoints = checkpoints;
  }

  static async open(opts: TailerOptions): Promise<DirectoryTailer> {
    return new DirectoryTailer(opts, await loadCheckpoints(opts.checkpointPath));
  }

  /** Polls every `pollMs` until `stop`. Errors go to `onError` and the next poll tries again. */
  start(): void {
    const tick = (): void => {
      this.running = this.poll()
        .catch((err: Error) => (this.opts.onError ?? ((e: Error) => process.stderr.write(`tail ${this.opts.dir}: ${e.message}\n`)))(err))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 1000);
        });
    };
    tick();
  }

  /** Stops polling; resolves once the batch in hand is acknowledged and checkpointed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }

  /** Current checkpoints (a copy), for status and tests. */
  get files(): FileCheckpoint[] {
    return this.checkpoints.map((c) => ({ ...c }));
  }

  /** One pass over the directory: reads everything complete that is new. */
  async poll(): Promise<void> {
    const now = this.now();
    const entries: { name: string; st: Stats }[] = [];
    for (const name of await readdir(this.opts.dir)) {
      if (!this.match.test(name)) continue;
      const st = await stat(join(this.opts.dir, name)).catch(() => undefined);
      if (st?.isFile() === true) entries.push({ name, st });
    }
    // Oldest first: a rotated file's remaining lines come before the new file's.
    entries.sort((a, b) => a.st.mtimeMs - b.st.mtimeMs || a.name.localeCompare(b.name));
    const seen = new Set<FileCheckpoint>();
    for (const { name, st } of entries) {
      if (this.stopped) break;
      const cp = name.endsWith('.gz') ? await this.archive(name, st, seen) : await this.live(name, st, seen);
      if (cp !== undefined) {
        cp.name = name;
        cp.seenAt = now;
        seen.add(cp);
      }
    }
    const forget = now - (this.opts.forgetAfterMs ?? 7 * 86_400_000);
    const before = this.checkpoints.length;
    this.checkpoints = this.checkpoints.filter((c) => seen.has(c) || c.seenAt >= forget);
    for (const c of this.decoders.keys()) if (!this.checkpoints.includes(c)) this.decoders.delete(c);
    if (this.checkpoints.length !== before || seen.size > 0) await this.save();
  }

  private async live(name: string, st: Stats, seen: Set<FileCheckpoint>): Promise<FileCheckpoint | undefined> {
    const path = join(this.opts.dir, name);
    const head = await readPrefix(path, false, HEAD_BYTES);
    let cp = this.checkpoints.find((c) => !c.archive && c.dev === st.dev && c.ino === st.ino);
    if (cp !== undefined && (st.size < cp.offset || !headMatches(cp, head))) {
      // Truncated, or the inode now holds another file. The old checkpoint keeps its content hash
      // (its archive or copy may still turn up) but gives up the inode.
      cp.ino = -1;
      cp = undefined;
    }
    if (cp === undefined) {
      // A copy of a file already read (copytruncate's copy) continues where that file was.
      const known = this.checkpoints.find((c) => !seen.has(c) && !c.archive && c.headLen > 0 && c.offset <= st.size && headMatches(c, head));
      cp = newCheckpoint(name, st, false, known);
      this.checkpoints.push(cp);
    }
    if (st.size <= cp.offset) return cp;
    const handle = await open(path, 'r');
    try {
      let buf = Buffer.allocUnsafe(this.readBytes);
      let decoder = this.decoders.get(cp);
      if (decoder === undefined) decoder = await this.decoderFor(path, false, cp);
      while (!this.stopped) {
        const want = Math.min(buf.length, st.size - cp.offset);
        if (want <= 0) break;
        const { bytesRead } = await handle.read(buf, 0, want, cp.offset);
        if (bytesRead === 0) break;
        let end = buf.lastIndexOf(10, bytesRead - 1) + 1;
        if (end === 0) {
          // No complete line in the buffer: a longer line (read more), or a line still being written.
          if (bytesRead < buf.length) break;
          if (buf.length < MAX_LINE_BYTES) {
            buf = Buffer.allocUnsafe(buf.length * 2);
            continue;
          }
          end = bytesRead;
        }
        await this.deliver(path, cp, decoder, buf.subarray(0, end));
        updateHead(cp, head);
      }
    } finally {
      await handle.close();
    }
    return cp;
  }

  private async archive(name: string, st: Stats, seen: Set<FileCheckpoint>): Promise<FileCheckpoint | undefined> {
    const path = join(this.opts.dir, name);
    const done = this.checkpoints.find((c) => c.archive && c.done && c.dev === st.dev && c.ino === st.ino && c.size === st.size);
    if (done !== undefined) return done;
    const head = await readPrefix(path, true, HEAD_BYTES);
    let cp = this.checkpoints.find((c) => c.archive && c.dev === st.dev && c.ino === st.ino && c.size === st.size && headMatches(c, head));
    if (cp === undefined) {
      // The archive of a file already read: the same content, from where that file was left.
      const known = this.checkpoints.find((c) => !seen.has(c) && c.headLen > 0 && headMatches(c, head));
      if (known?.archive === true && known.done) return known;
      cp = newCheckpoint(name, st, true, known);
      this.checkpoints.push(cp);
    }
    const decoder = this.decoders.get(cp) ?? (await this.decoderFor(path, true, cp));
    const start = cp.offset;
    let pos = 0;
    let parts: Buffer[] = [];
    let pending = 0;
    const stream = createReadStream(path).pipe(createGunzip());
    try {
      for await (const piece of stream as AsyncIterable<Buffer>) {
        if (this.stopped) return cp;
        // Skip what an earlier read (of this archive, or of the file it was) already delivered.
        const skip = Math.min(piece.length, Math.max(0, start - pos));
        pos += piece.length;
        if (skip === piece.length) continue;
        parts.push(skip > 0 ? piece.subarray(skip) : piece);
        pending += piece.length - skip;
        if (pending < this.readBytes) continue;
        const buf = Buffer.concat(parts);
        let end = buf.lastIndexOf(10) + 1;
        if (end === 0) {
          if (buf.length < MAX_LINE_BYTES) continue;
          end = buf.length;
        }
        await this.deliver(path, cp, decoder, buf.subarray(0, end));
        parts = end < buf.length ? [buf.subarray(end)] : [];
        pending = buf.length - end;
      }
    } finally {
      stream.destroy();
    }
    // The archive is complete: its last line counts even without a newline.
    if (pending > 0) await this.deliver(path, cp, decoder, Buffer.concat(parts));
    updateHead(cp, head);
    cp.done = true;
    return cp;
  }

  /** Decodes `block` (whole lines) at the checkpoint, hands it over, and advances once acknowledged. */
  private async deliver(path: string, cp: FileCheckpoint, decoder: LineDecoder, block: Buffer): Promise<void> {
    const batch = await oneBatch(block, cp.offset, cp.line + 1);
    const { events, rejects } = decoder.decode(batch);
    await this.opts.onBatch({ path, events, rejects });
    cp.offset += block.length;
    cp.line += batch.lines.length;
    await this.save();
  }

  /**
   * A decoder for a file read from its checkpoint. Resuming inside a Zeek TSV log needs its
   * header, so the `#` lines at the file's start are fed to the decoder first (they yield nothing).
   */
  private async decoderFor(path: string, gz: boolean, cp: FileCheckpoint): Promise<LineDecoder> {
    const decoder = createLineDecoder(path, this.opts);
    this.decoders.set(cp, decoder);
    if (cp.offset > 0) {
      const prefix = await readPrefix(path, gz, Math.min(cp.offset, HEADER_BYTES));
      const batch = await oneBatch(prefix.subarray(0, prefix.lastIndexOf(10) + 1), 0, 1);
      const header = batch.lines.findIndex((l) => !l.startsWith('#'));
      decoder.decode({ lines: header < 0 ? batch.lines : batch.lines.slice(0, header), offsets: [], firstLine: 1 });
    }
    return decoder;
  }

  private async save(): Promise<void> {
    await saveCheckpoints(this.opts.checkpointPath, this.checkpoints);
  }
}

function newCheckpoint(name: string, st: Stats, archive: boolean, from: FileCheckpoint | undefined): FileCheckpoint {
  return {
    name, dev: st.dev, ino: st.ino, head: from?.head ?? '', headLen: from?.headLen ?? 0,
    offset: from?.offset ?? 0, line: from?.line ?? 0, archive, size: archive ? st.size : 0, done: false, seenAt: 0,
  };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when `head` begins with the bytes the checkpoint hashed (nothing hashed yet matches). */
function headMatches(cp: FileCheckpoint, head: Buffer): boolean {
  return cp.headLen === 0 || (head.length >= cp.headLen && sha256(head.subarray(0, cp.headLen)) === cp.head);
}

/** Extends the hashed head as far as the file has been read, up to HEAD_BYTES. */
function updateHead(cp: FileCheckpoint, head: Buffer): void {
  const len = Math.min(HEAD_BYTES, head.length, cp.offset);
  if (len > cp.headLen) {
    cp.head = sha256(head.subarray(0, len));
    cp.headLen = len;
  }
}

/** Up to `n` bytes from a file's start, decompressed for a gzip archive. */
async function readPrefix(path: string, gz: boolean, n: number): Promise<Buffer> {
  if (!gz) {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  const parts: Buffer[] = [];
  let got = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      parts.push(piece);
      got += piece.length;
      if (got >= n) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** Whole lines of `block` as one LineBatch, offsets from `base`. */
async function oneBatch(block: Buffer, base: number, firstLine: number): Promise<LineBatch> {
  const batch: LineBatch = { lines: [], offsets: [], firstLine };
  for await (const b of readLineBatches(once(block), Number.MAX_SAFE_INTEGER)) {
    for (let i = 0; i < b.lines.length; i++) {
      batch.lines.push(b.lines[i]!);
      batch.offsets.push(base + b.offsets[i]!);
    }
  }
  return batch;
}

async function* once(block: Buffer): AsyncGenerator<Buffer> {
  yield block;
}
