import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync, readSync, writeSync, close as closeFd, fstatSync, ftruncateSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameBatch } from '../listeners/listener.ts';
import { decodeRecord, encodeRecord, scanRecord } from './record.ts';
import { lockSpool } from './lock.ts';

/**
 * A write-ahead log of FrameBatches on disk, between the listeners and decoding, so that what a
 * sender delivered survives a crash of Vaern and a slow store costs disk, not memory.
 *
 * - `append` writes the record to the segment file before it returns (write(2), not fsync): from
 *   then on a kill -9 of the process loses nothing. fdatasync follows as a group commit at most
 *   `syncIntervalMs` later (or at once with `sync()`), which protects against power loss.
 *   A slow disk blocks `append`, which stalls socket reads: back-pressure reaches TCP senders.
 * - `read` returns batches from the files, never from an in-memory queue, so a backlog costs one
 *   read buffer. `ack` records the consumer's durable progress in a small file replaced
 *   atomically (write, fsync, rename) and deletes segments wholly before it.
 * - On open, each record is checked against its CRC; a torn tail is cut off, and records after the
 *   last ack are read again, in order.
 *
 * Positions are byte offsets in one logical stream; each segment file is named by the position
 * of its first byte. One process uses a spool directory at a time.
 */
export interface SpoolOptions {
  /** A new segment file starts when the current one would pass this size. Default 64 MiB. */
  readonly segmentBytes?: number;
  /** Group commit: fdatasync at most this long after an append. Default 50 ms. */
  readonly syncIntervalMs?: number;
  /** Bytes read from disk at a time by `read`. Default 1 MiB (grows for a larger record). */
  readonly readBufferBytes?: number;
  /** Called with errors the background sync survives (it retries on the next append). */
  readonly onError?: (err: Error) => void;
}

export interface SpoolStats {
  /** Bytes in segment files. */
  bytesOnDisk: number;
  segments: number;
  /** Frames appended and not yet acknowledged by the consumer. */
  pendingFrames: number;
  /** Position after the last appended record. */
  writePosition: number;
  /** Everything before this position has been fdatasync'd. */
  syncedPosition: number;
  /** Everything before this position is acknowledged (and survives a restart as such). */
  ackedPosition: number;
  /** Records dropped on open or read because their CRC or length did not hold. */
  corruptRecords: number;
}

export interface SpoolRead {
  readonly batches: FrameBatch[];
  /** Pass to `ack` once the batches are durable downstream. */
  readonly position: number;
}

export interface Spool {
  /** Write one batch; on return it is in the file (see above). Throws if the disk write fails. */
  append(batch: FrameBatch): void;
  /** Resolves when everything appended before the call is fdatasync'd. */
  sync(): Promise<void>;
  /** The next batches after the last read, up to about `maxFrames` frames (at least one batch when any). */
  read(maxFrames: number): Promise<SpoolRead>;
  /** Resolves when there is something to read. */
  readable(): Promise<void>;
  /** The consumer has made everything before `position` durable. `position` must come from `read`. */
  ack(position: number): Promise<void>;
  readonly stats: Readonly<SpoolStats>;
  /** Sync and close; the spool cannot be used afterwards. */
  close(): Promise<void>;
}

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SYNC_INTERVAL_MS = 50;
const DEFAULT_READ_BUFFER_BYTES = 1024 * 1024;
/** A record larger than this is taken as a corrupt length field. */
const MAX_RECORD_PAYLOAD = 512 * 1024 * 1024;
const SCRATCH_KEEP_BYTES = 4 * 1024 * 1024;
const ACK_FILE = 'ack.json';
const SEGMENT_SUFFIX = '.seg';

interface Segment {
  readonly base: number;
  size: number;
}

const segmentName = (base: number): string => `${String(base).padStart(16, '0')}${SEGMENT_SUFFIX}`;

export async function openSpool(dir: string, options: SpoolOptions = {}): Promise<Spool> {
  await mkdir(dir, { recursive: true });
  const unlock = lockSpool(dir);
  try {
    return await openLocked(dir, options, unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

async function openLocked(dir: string, options: SpoolOptions, unlock: () => void): Promise<Spool> {
  const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  const syncIntervalMs = options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const readBufferBytes = options.readBufferBytes ?? DEFAULT_READ_BUFFER_BYTES;
  const onError = options.onError ?? ((err: Error) => process.stderr.write(`spool ${dir}: ${err.message}\n`));

  const ackedPosition = await readAck(dir);
  const segments = await recoverSegments(dir, ackedPosition, readBufferBytes);
  const stats: SpoolStats = {
    bytesOnDisk: 0,
    segments: 0,
    pendingFrames: segments.pendingFrames,
    writePosition: 0,
    syncedPosition: 0,
    ackedPosition,
    corruptRecords: segments.corruptRecords,
  };
  const list = segments.list;
  if (list.length === 0) list.push({ base: ackedPosition, size: 0 });
  let active = list[list.length - 1]!;
  let fd = openSync(join(dir, segmentName(active.base)), 'a+');
  fsyncDir(dir);
  stats.writePosition = active.base + active.size;
  stats.syncedPosition = stats.writePosition;
  stats.ackedPosition = Math.max(ackedPosition, list[0]!.base);
  const refreshSizes = (): void => {
    stats.segments = list.length;
    stats.bytesOnDisk = list.reduce((n, s) => n + s.size, 0);
  };
  refreshSizes();

  let scratch: Buffer = Buffer.allocUnsafe(64 * 1024);
  /** Segment files written since the last sync and then rolled away from: synced, then closed. */
  let sealed: number[] = [];
  let dirDirty = false;
  let syncTimer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;
  let closed = false;
  let readPosition = stats.ackedPosition;
  /** Frames handed out by `read`, by the position after them, so `ack` can count them off. */
  const handedOut: { position: number; frames: number }[] = [];
  let readWaiters: (() => void)[] = [];
  let readBuf = Buffer.allocUnsafe(readBufferBytes);
  let reader: { base: number; handle: FileHandle } | undefined;
  let reading: Promise<unknown> = Promise.resolve();

  const roll = (): void => {
    sealed.push(fd);
    active = { base: stats.writePosition, size: 0 };
    list.push(active);
    fd = openSync(join(dir, segmentName(active.base)), 'a+');
    dirDirty = true;
  };

  const runSync = async (): Promise<void> => {
    const target = stats.writePosition;
    const fds = [...sealed, fd];
    const toClose = sealed;
    sealed = [];
    const syncDir = dirDirty;
    dirDirty = false;
    try {
      await Promise.all(fds.map((f) => new Promise<void>((resolve, reject) => fdatasync(f, (err) => (err ? reject(err) : resolve())))));
      if (syncDir) fsyncDir(dir);
    } catch (err) {
      sealed = [...toClose, ...sealed];
      dirDirty ||= syncDir;
      throw err;
    }
    for (const f of toClose) closeFd(f, () => {});
    stats.syncedPosition = Math.max(stats.syncedPosition, target);
  };

  const sync = async (): Promise<void> => {
    const target = stats.writePosition;
    while (stats.syncedPosition < target || (dirDirty && !closed)) {
      syncing ??= runSync().finally(() => {
        syncing = undefined;
      });
      await syncing;
    }
  };

  const scheduleSync = (): void => {
    if (syncTimer !== undefined) return;
    syncTimer = setTimeout(() => {
      syncTimer = undefined;
      sync().catch((err: Error) => {
        onError(err);
        scheduleSync();
      });
    }, syncIntervalMs);
    // Appended data is already safe from a process crash; a pending fsync must not keep the process alive.
    syncTimer.unref();
  };

  const segmentAt = (position: number): Segment | undefined => {
    for (const s of list) if (position >= s.base && position < s.base + s.size) return s;
    return undefined;
  };

  const readNow = async (maxFrames: number): Promise<SpoolRead> => {
    const batches: FrameBatch[] = [];
    let frames = 0;
    while (frames < maxFrames && readPosition < stats.writePosition) {
      const seg = segmentAt(readPosition);
      if (seg === undefined) {
        // A gap left by a segment cut short on recovery: go on at the next segment.
        const next = list.find((s) => s.base > readPosition);
        if (next === undefined) break;
        readPosition = next.base;
        continue;
      }
      if (reader?.base !== seg.base) {
        await reader?.handle.close();
        reader = { base: seg.base, handle: await open(join(dir, segmentName(seg.base)), 'r') };
      }
      const end = Math.min(seg.size, readPosition - seg.base + readBuf.length);
      const start = readPosition - seg.base;
      const { bytesRead } = await reader.handle.read(readBuf, 0, end - start, start);
      let off = 0;
      while (off < bytesRead && frames < maxFrames) {
        const r = scanRecord(readBuf, off, bytesRead, MAX_RECORD_PAYLOAD);
        if (r.kind === 'incomplete') {
          if (off === 0 && r.needed > readBuf.length) readBuf = Buffer.allocUnsafe(r.needed);
          break;
        }
        if (r.kind === 'corrupt') {
          // Damage inside a written segment (not a torn tail): skip the rest of this segment.
          stats.corruptRecords++;
          onError(new Error(`corrupt record at position ${readPosition + off}; skipping the rest of segment ${segmentName(seg.base)}`));
          off = seg.base + seg.size - readPosition;
          break;
        }
        batches.push(decodeRecord(readBuf, off));
        frames += r.frames;
        off += r.size;
      }
      readPosition += off;
    }
    if (readBuf.length > Math.max(readBufferBytes, SCRATCH_KEEP_BYTES)) readBuf = Buffer.allocUnsafe(readBufferBytes);
    if (frames > 0 || batches.length > 0) handedOut.push({ position: readPosition, frames });
    return { batches, position: readPosition };
  };

  const spool: Spool = {
    stats,
    append(batch) {
      if (closed) throw new Error('spool is closed');
      const { buf, length } = encodeRecord(batch, scratch);
      scratch = buf.length <= SCRATCH_KEEP_BYTES ? buf : scratch;
      if (active.size > 0 && active.size + length > segmentBytes) roll();
      let written = 0;
      while (written < length) written += writeSync(fd, buf, written, length - written);
      active.size += length;
      stats.writePosition += length;
      stats.bytesOnDisk += length;
      stats.segments = list.length;
      stats.pendingFrames += batch.frames.length;
      scheduleSync();
      if (readWaiters.length > 0) {
        const waiters = readWaiters;
        readWaiters = [];
        for (const w of waiters) w();
      }
    },
    sync,
    read(maxFrames) {
      const result = reading.then(() => readNow(maxFrames));
      reading = result.catch(() => undefined);
      return result;
    },
    readable() {
      if (readPosition < stats.writePosition || closed) return Promise.resolve();
      return new Promise((resolve) => readWaiters.push(resolve));
    },
    async ack(position) {
      if (position <= stats.ackedPosition) return;
      const i = handedOut.findIndex((h) => h.position === position);
      if (i < 0) throw new RangeError(`spool: ${position} is not a position returned by read`);
      let frames = 0;
      for (const h of handedOut.splice(0, i + 1)) frames += h.frames;
      await writeAck(dir, position);
      stats.ackedPosition = position;
      stats.pendingFrames -= frames;
      while (list.length > 1 && list[0]!.base + list[0]!.size <= position) {
        const old = list.shift()!;
        if (reader?.base === old.base) {
          await reader.handle.close();
          reader = undefined;
        }
        await unlink(join(dir, segmentName(old.base)));
      }
      refreshSizes();
    },
    async close() {
      if (closed) return;
      clearTimeout(syncTimer);
      syncTimer = undefined;
      await sync();
      closed = true;
      for (const w of readWaiters) w();
      readWaiters = [];
      await reading;
      await reader?.handle.close();
      closeSync(fd);
      unlock();
    },
  };
  return spool;
}

async function readAck(dir: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(join(dir, ACK_FILE), 'utf8');
  } catch {
    return 0;
  }
  const parsed: unknown = JSON.parse(text);
  const position = (parsed as { position?: unknown } | null)?.position;
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
    throw new Error(`spool ${dir}: ${ACK_FILE} holds no valid position`);
  }
  return position;
}

/** Replace the ack file atomically: a crash leaves the old or the new position, never a torn one. */
async function writeAck(dir: string, position: number): Promise<void> {
  const tmp = join(dir, `${ACK_FILE}.tmp`);
  await writeFile(tmp, JSON.stringify({ position }), { flush: true });
  await rename(tmp, join(dir, ACK_FILE));
  fsyncDir(dir);
}

function fsyncDir(dir: string): void {
  const d = openSync(dir, 'r');
  try {
    fsyncSync(d);
  } finally {
    closeSync(d);
  }
}

/**
 * List segments, delete those wholly acknowledged, check every record of the rest, cut each
 * segment at its first bad or incomplete record, and count the frames not yet acknowledged.
 */
async function recoverSegments(
  dir: string,
  acked: number,
  bufferBytes: number,
): Promise<{ list: Segment[]; pendingFrames: number; corruptRecords: number }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(SEGMENT_SUFFIX) && /^\d+\.seg$/.test(n));
  const bases = names.map((n) => Number(n.slice(0, -SEGMENT_SUFFIX.length))).sort((a, b) => a - b);
  const list: Segment[] = [];
  let pendingFrames = 0;
  let corruptRecords = 0;
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i]!;
    const path = join(dir, segmentName(base));
    const next = bases[i + 1];
    const fd = openSync(path, 'r+');
    try {
      const fileSize = fstatSync(fd).size;
      if (next !== undefined && next <= acked && base + fileSize <= next) {
        closeSync(fd);
        await unlink(path);
        continue;
      }
      const { valid, frames, corrupt } = scanFile(fd, fileSize, base, acked, bufferBytes);
      pendingFrames += frames;
      if (corrupt) corruptRecords++;
      if (valid < fileSize) {
        ftruncateSync(fd, valid);
        fdatasyncSync(fd);
      }
      list.push({ base, size: valid });
    } finally {
      try {
        closeSync(fd);
      } catch {
        // closed above for a deleted segment
      }
    }
  }
  return { list, pendingFrames, corruptRecords };
}

/** Walk a segment's records; returns the length of its valid prefix and frames at or after `acked`. */
function scanFile(fd: number, fileSize: number, base: number, acked: number, bufferBytes: number): { valid: number; frames: number; corrupt: boolean } {
  let buf = Buffer.allocUnsafe(bufferBytes);
  let pos = 0;
  let frames = 0;
  while (pos < fileSize) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, fileSize - pos), pos);
    let off = 0;
    for (;;) {
      const r = scanRecord(buf, off, n, MAX_RECORD_PAYLOAD);
      if (r.kind === 'corrupt') return { valid: pos + off, frames, corrupt: true };
      if (r.kind === 'incomplete') {
        if (pos + off + r.needed > fileSize) return { valid: pos + off, frames, corrupt: false };
        if (off === 0) buf = Buffer.allocUnsafe(r.needed);
        break;
      }
      if (base + pos + off >= acked) frames += r.frames;
      off += r.size;
      if (off === n) break;
    }
    pos += off;
  }
  return { valid: pos, frames, corrupt: false };
}
