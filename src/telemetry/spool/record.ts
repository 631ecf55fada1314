import { crc32 } from 'node:zlib';
import type { FramingReject } from '../framing/stream-framer.ts';
import type { FrameBatch } from '../listeners/listener.ts';

/**
 * One spool record holds one FrameBatch:
 *
 *   u32 payload length | u32 CRC-32 of the payload | payload
 *   payload: u32 frames | f64 receivedAt | u16+utf8 listener | u16+utf8 peer | u32 rejects
 *            | frames: u32+utf8 each | rejects: u8 kind, u32+utf8 reason, u32+utf8 raw
 *
 * Little-endian. The CRC makes a torn or partly written tail detectable after a crash. The frame
 * count leads the payload so the spool can count pending frames without decoding strings.
 */
export const RECORD_HEADER_BYTES = 8;

const REJECT_KINDS: readonly FramingReject['kind'][] = ['oversized', 'bad-octet-count', 'truncated'];

/** UTF-8 never needs more than 3 bytes per UTF-16 code unit; used to size the scratch buffer. */
function maxBytes(s: string): number {
  return s.length * 3;
}

/**
 * Encode `batch` as a record into `scratch` (grown when too small) and return the buffer and the
 * record's length. The scratch buffer is reused across calls so appends do not allocate.
 */
export function encodeRecord(batch: FrameBatch, scratch: Buffer): { buf: Buffer; length: number } {
  const rejects = batch.rejects ?? [];
  let bound = RECORD_HEADER_BYTES + 4 + 8 + 2 + maxBytes(batch.listener) + 2 + maxBytes(batch.peer) + 4;
  for (const f of batch.frames) bound += 4 + maxBytes(f);
  for (const r of rejects) bound += 1 + 4 + maxBytes(r.reason) + 4 + maxBytes(r.raw);
  const buf = scratch.length >= bound ? scratch : Buffer.allocUnsafe(Math.max(bound, scratch.length * 2));

  let off = RECORD_HEADER_BYTES;
  off = buf.writeUInt32LE(batch.frames.length, off);
  off = buf.writeDoubleLE(batch.receivedAt, off);
  off = writeString16(buf, off, batch.listener);
  off = writeString16(buf, off, batch.peer);
  off = buf.writeUInt32LE(rejects.length, off);
  for (const f of batch.frames) off = writeString32(buf, off, f);
  for (const r of rejects) {
    off = buf.writeUInt8(REJECT_KINDS.indexOf(r.kind), off);
    off = writeString32(buf, off, r.reason);
    off = writeString32(buf, off, r.raw);
  }
  const payloadLength = off - RECORD_HEADER_BYTES;
  buf.writeUInt32LE(payloadLength, 0);
  buf.writeUInt32LE(crc32(buf.subarray(RECORD_HEADER_BYTES, off)), 4);
  return { buf, length: off };
}

function writeString16(buf: Buffer, off: number, s: string): number {
  const n = buf.write(s, off + 2, 'utf8');
  if (n > 0xffff) throw new RangeError(`spool: string of ${n} bytes is too long for a 16-bit length`);
  buf.writeUInt16LE(n, off);
  return off + 2 + n;
}

function writeString32(buf: Buffer, off: number, s: string): number {
  const n = buf.write(s, off + 4, 'utf8');
  buf.writeUInt32LE(n, off);
  return off + 4 + n;
}

export type RecordScan =
  | { readonly kind: 'ok'; readonly size: number; readonly frames: number }
  | { readonly kind: 'incomplete'; readonly needed: number }
  | { readonly kind: 'corrupt' };

/**
 * Check the record at `buf[off..end)` without decoding it. `incomplete` means the bytes end inside
 * the record (`needed` is its full size when the header was readable); `corrupt` means the CRC
 * or length does not hold.
 */
export function scanRecord(buf: Buffer, off: number, end: number, maxPayload: number): RecordScan {
  if (end - off < RECORD_HEADER_BYTES + 4) return { kind: 'incomplete', needed: RECORD_HEADER_BYTES + 4 };
  const length = buf.readUInt32LE(off);
  if (length < 4 + 8 + 2 + 2 + 4 || length > maxPayload) return { kind: 'corrupt' };
  const size = RECORD_HEADER_BYTES + length;
  if (end - off < size) return { kind: 'incomplete', needed: size };
  const start = off + RECORD_HEADER_BYTES;
  if (crc32(buf.subarray(start, start + length)) !== buf.readUInt32LE(off + 4)) return { kind: 'corrupt' };
  return { kind: 'ok', size, frames: buf.readUInt32LE(start) };
}

/** Decode a record that `scanRecord` found ok. */
export function decodeRecord(buf: Buffer, off: number): FrameBatch {
  let p = off + RECORD_HEADER_BYTES;
  const frameCount = buf.readUInt32LE(p);
  const receivedAt = buf.readDoubleLE(p + 4);
  p += 12;
  const listenerLength = buf.readUInt16LE(p);
  const listener = buf.toString('utf8', p + 2, p + 2 + listenerLength);
  p += 2 + listenerLength;
  const peerLength = buf.readUInt16LE(p);
  const peer = buf.toString('utf8', p + 2, p + 2 + peerLength);
  p += 2 + peerLength;
  const rejectCount = buf.readUInt32LE(p);
  p += 4;
  const frames = new Array<string>(frameCount);
  for (let i = 0; i < frameCount; i++) {
    const n = buf.readUInt32LE(p);
    frames[i] = buf.toString('utf8', p + 4, p + 4 + n);
    p += 4 + n;
  }
  if (rejectCount === 0) return { listener, peer, receivedAt, frames };
  const rejects: FramingReject[] = [];
  for (let i = 0; i < rejectCount; i++) {
    const kind = REJECT_KINDS[buf.readUInt8(p)] ?? 'truncated';
    const reasonLength = buf.readUInt32LE(p + 1);
    const reason = buf.toString('utf8', p + 5, p + 5 + reasonLength);
    p += 5 + reasonLength;
    const rawLength = buf.readUInt32LE(p);
    const raw = buf.toString('utf8', p + 4, p + 4 + rawLength);
    p += 4 + rawLength;
    rejects.push({ kind, reason, raw });
  }
  return { listener, peer, receivedAt, frames, rejects };
}
