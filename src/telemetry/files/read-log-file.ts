import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { BatchResult } from '../decode-batch.ts';
import { readLineBatches } from '../syslog/file-lines.ts';
import { createLineDecoder, type FileContext } from './line-decoder.ts';

const BATCH_LINES = 4096;

/** What `readLogFile` yields: one batch of a file's lines, decoded. */
export interface FileBatch extends BatchResult {
  /** Lines read in this batch (header and empty lines included). */
  lines: number;
}

/**
 * Reads a log file of any known format, gzip-compressed or not (told by its magic bytes, not its
 * name), in batches of decoded events and rejects. `vaern parse`, file ingest and tests share it.
 * Offsets in `log.offset` are in the decompressed text. Throws when the file cannot be opened.
 */
export async function* readLogFile(path: string, ctx: FileContext): AsyncGenerator<FileBatch> {
  const handle = await open(path, 'r');
  let gz: boolean;
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    gz = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } catch (err) {
    await handle.close();
    throw err;
  }
  // The stream owns the handle and closes it at the end (or on error).
  const raw = handle.createReadStream({ highWaterMark: 1 << 20, start: 0 });
  if (!gz) {
    yield* decodeStream(raw, path, ctx);
    return;
  }
  const gunzip = createGunzip();
  // pipe() does not pass a read error on; without this the iteration would wait forever.
  raw.on('error', (err) => gunzip.destroy(err));
  yield* decodeStream(raw.pipe(gunzip), path, ctx);
}

/** A stream of a file's bytes (stdin, or a file already opened), decoded. */
export async function* decodeStream(stream: AsyncIterable<Buffer | string>, path: string, ctx: FileContext): AsyncGenerator<FileBatch> {
  const decoder = createLineDecoder(path, ctx);
  for await (const batch of readLineBatches(stream, BATCH_LINES)) {
    yield { ...decoder.decode(batch), lines: batch.lines.length };
  }
}
