import { isAscii } from 'node:buffer';

/** Consecutive lines of one file, with each line's byte offset, for `decodeBatch`. */
export interface LineBatch {
  lines: string[];
  /** Byte offset of each line's first byte in the file. */
  offsets: number[];
  /** 1-based number of the first line. */
  firstLine: number;
}

/**
 * Reads a byte stream as lines in batches of up to `batchSize`, never holding more than one chunk
 * plus one partial line. Lines end at LF; a CR before it is dropped; the last line may lack its
 * LF. Offsets are exact byte offsets even with multi-byte UTF-8, because lines are cut from the
 * bytes, not from decoded text.
 */
export async function* readLineBatches(stream: AsyncIterable<Buffer | string>, batchSize: number): AsyncGenerator<LineBatch> {
  let batch: LineBatch = { lines: [], offsets: [], firstLine: 1 };
  let lineNo = 1;
  let carry: Buffer | undefined;
  let carryOffset = 0;
  let streamOffset = 0;
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    const buf = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const base = carry === undefined ? streamOffset : carryOffset;
    streamOffset += chunk.length;
    const lastNl = buf.lastIndexOf(10);
    if (lastNl < 0) {
      carry = buf;
      carryOffset = base;
      continue;
    }
    // Pure-ASCII spans (the usual firewall log) are decoded once, and character index = byte index.
    const ascii = isAscii(buf.subarray(0, lastNl));
    const text = ascii ? buf.toString('latin1', 0, lastNl + 1) : undefined;
    let start = 0;
    while (start <= lastNl) {
      const nl = buf.indexOf(10, start);
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      batch.lines.push(text !== undefined ? text.slice(start, end) : buf.toString('utf8', start, end));
      batch.offsets.push(base + start);
      lineNo++;
      start = nl + 1;
      if (batch.lines.length >= batchSize) {
        yield batch;
        batch = { lines: [], offsets: [], firstLine: lineNo };
      }
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    carryOffset = base + start;
  }
  if (carry !== undefined && carry.length > 0) {
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    batch.lines.push(carry.toString('utf8', 0, end));
    batch.offsets.push(carryOffset);
  }
  if (batch.lines.length > 0) yield batch;
}
