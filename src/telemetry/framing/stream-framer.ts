/**
 * Syslog framing over a byte stream (TCP, TLS): RFC 6587 octet counting (`<len> <msg>`, as RFC 5425
 * mandates for TLS) and non-transparent framing (one message per line).
 *
 * The framing is chosen once per connection from its first frame: `<digits> <` means octet counting,
 * anything else means lines. Real senders stray from both, so:
 * - lines end at LF or NUL; a CR before the LF is dropped; blank lines are skipped;
 * - an octet-counting sender may put LF, CRLF or NUL between frames, and may switch to a plain
 *   `<PRI>...` line; both are accepted;
 * - a bad octet count does not close the connection: bytes are skipped until a frame start is
 *   found again (`<digits> <`, or a line break), and the skipped bytes are reported once;
 * - a frame longer than the maximum is cut to the maximum and reported, and the rest of it is
 *   skipped (up to the declared length, or to the end of the line).
 *
 * Works on Buffers and decodes whole frames only, so a UTF-8 character split across chunks comes
 * out right, and the result does not depend on how the stream was chunked.
 */

export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

/** Input the framer could not turn into a frame, kept so the pipeline can store it as a reject. */
export interface FramingReject {
  readonly kind: 'oversized' | 'bad-octet-count' | 'truncated';
  /** Human-readable, e.g. `line exceeds 65536 bytes; cut`. */
  readonly reason: string;
  /** The frame's first bytes (at most the maximum frame size), decoded as UTF-8. */
  readonly raw: string;
}

/** Where `push` and `end` put their results; arrays are appended to, so callers can reuse them. */
export interface FramerOutput {
  readonly frames: string[];
  readonly rejects: FramingReject[];
}

export type FramingMode = 'unknown' | 'octet-counting' | 'non-transparent';

export interface StreamFramerOptions {
  /** Frames longer than this (in bytes) are cut and reported. Default 64 KiB. */
  readonly maxFrameBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;
const LT = 0x3c;
const D0 = 0x30;
const D1 = 0x31;
const D9 = 0x39;
/** Octet counts have at most 9 digits; nothing near 1 GB is a syslog message. */
const MAX_COUNT_DIGITS = 9;

const START = 0;
const LINE = 1;
const OCTET = 2;
const SKIP_LINE = 3;
type State = typeof START | typeof LINE | typeof OCTET | typeof SKIP_LINE;

const NEED_MORE = -2;
const INVALID = -1;

export class StreamFramer {
  readonly #max: number;
  #mode: FramingMode = 'unknown';
  #state: State = START;
  /** An undecided frame start (part of an octet count) carried to the next chunk. */
  #head: Buffer | null = null;
  /** Pieces of the frame being collected, copied out of earlier chunks. */
  #parts: Buffer[] = [];
  #partBytes = 0;
  /** OCTET: bytes of the frame still to come, how many of them to keep, and its declared length. */
  #need = 0;
  #keep = 0;
  #declared = 0;
  /** The length parsed by the last successful `#header` call. */
  #count = 0;
  /** Bytes skipped while resynchronising after a bad octet count; the first `#max` are kept. */
  #garbage: Buffer | null = null;
  #garbageBytes = 0;
  /** Terminator search cache for the chunk being scanned, so each chunk is scanned once. */
  #scanBuf: Buffer | null = null;
  #lfAt = -2;
  #nulAt = -2;

  constructor(options: StreamFramerOptions = {}) {
    const max = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxFrameBytes must be a positive integer, got ${max}`);
    this.#max = max;
  }

  get mode(): FramingMode {
    return this.#mode;
  }

  /** Frame one chunk of the stream; complete frames and rejects are appended to `out`. */
  push(chunk: Buffer, out: FramerOutput): void {
    let buf = chunk;
    if (this.#head !== null) {
      buf = Buffer.concat([this.#head, chunk]);
      this.#head = null;
    }
    let pos = 0;
    while (pos < buf.length) {
      switch (this.#state) {
        case START:
          pos = this.#start(buf, pos, out);
          break;
        case LINE:
          pos = this.#line(buf, pos, out);
          break;
        case OCTET:
          pos = this.#octet(buf, pos, out);
          break;
        case SKIP_LINE: {
          const end = this.#findTerminator(buf, pos);
          if (end < 0) {
            pos = buf.length;
          } else {
            this.#state = START;
            pos = end + 1;
          }
          break;
        }
      }
    }
    this.#scanBuf = null;
  }

  /** The stream ended: flush an unterminated last line, report an incomplete octet frame. */
  end(out: FramerOutput): void {
    const head = this.#head;
    this.#head = null;
    if (head !== null) {
      if (this.#mode === 'octet-counting') {
        for (const b of head) this.#addGarbage(b);
      } else {
        this.#emitFrame(head, 0, head.length, out);
      }
    }
    this.#endGarbage(out);
    if (this.#state === LINE) {
      const buf = Buffer.concat(this.#parts, this.#partBytes);
      this.#emitFrame(buf, 0, buf.length, out);
    } else if (this.#state === OCTET) {
      const buf = Buffer.concat(this.#parts, this.#partBytes);
      const got = this.#declared - this.#need;
      out.rejects.push({
        kind: 'truncated',
        reason: `octet-counted frame declared ${this.#declared} bytes, stream ended after ${got}`,
        raw: buf.toString('utf8'),
      });
    }
    this.#parts = [];
    this.#partBytes = 0;
    this.#state = START;
  }

  /** At a frame boundary: skip trailers, decide the frame's kind. Returns the next position. */
  #start(buf: Buffer, pos: number, out: FramerOutput): number {
    while (pos < buf.length) {
      const b = buf[pos]!;
      if (b === LF || b === CR || b === NUL) {
        this.#endGarbage(out);
        pos++;
        continue;
      }
      // Inside skipped garbage a `<` is more garbage: only a count in front of it resyncs.
      if (this.#mode === 'non-transparent' || (b === LT && this.#garbageBytes === 0)) {
        if (this.#mode === 'unknown') this.#mode = 'non-transparent';
        this.#state = LINE;
        return pos;
      }
      // A bare count is trusted only once the connection has shown octet counting and is in step.
      const strict = this.#mode === 'unknown' || this.#garbageBytes > 0;
      const body = this.#header(buf, pos, strict);
      if (body === NEED_MORE) {
        this.#head = Buffer.from(buf.subarray(pos));
        return buf.length;
      }
      if (body >= 0) {
        this.#endGarbage(out);
        this.#mode = 'octet-counting';
        this.#state = OCTET;
        this.#declared = this.#count;
        this.#need = this.#count;
        this.#keep = Math.min(this.#count, this.#max);
        return body;
      }
      if (this.#mode === 'unknown') {
        this.#mode = 'non-transparent';
        this.#state = LINE;
        return pos;
      }
      this.#addGarbage(b);
      pos++;
    }
    return pos;
  }

  /**
   * Parse `<digits> ` at `pos` (and, when strict, require the `<` of a PRI after it).
   * Returns the body start and sets `#count`, or INVALID, or NEED_MORE at the chunk's end.
   */
  #header(buf: Buffer, pos: number, strict: boolean): number {
    const first = buf[pos]!;
    if (first < D1 || first > D9) return INVALID;
    let n = first - D0;
    let i = pos + 1;
    for (;;) {
      if (i >= buf.length) return NEED_MORE;
      const b = buf[i]!;
      if (b === SP) break;
      if (b < D0 || b > D9 || i - pos >= MAX_COUNT_DIGITS) return INVALID;
      n = n * 10 + (b - D0);
      i++;
    }
    i++;
    if (strict) {
      if (i >= buf.length) return NEED_MORE;
      if (buf[i] !== LT) return INVALID;
    }
    this.#count = n;
    return i;
  }

  #line(buf: Buffer, pos: number, out: FramerOutput): number {
    const end = this.#findTerminator(buf, pos);
    const stop = end < 0 ? buf.length : end;
    if (this.#partBytes + (stop - pos) > this.#max) {
      const take = this.#max - this.#partBytes;
      const raw = this.#collect(buf, pos, pos + take);
      out.rejects.push({
        kind: 'oversized',
        reason: `line exceeds ${this.#max} bytes; cut`,
        raw: raw.toString('utf8'),
      });
      this.#state = end < 0 ? SKIP_LINE : START;
      return end < 0 ? buf.length : end + 1;
    }
    if (end < 0) {
      this.#keepPart(buf, pos, buf.length);
      return buf.length;
    }
    if (this.#partBytes === 0) {
      this.#emitFrame(buf, pos, end, out);
    } else {
      const whole = this.#collect(buf, pos, end);
      this.#emitFrame(whole, 0, whole.length, out);
    }
    this.#state = START;
    return end + 1;
  }

  #octet(buf: Buffer, pos: number, out: FramerOutput): number {
    const avail = buf.length - pos;
    if (avail < this.#need) {
      const take = Math.min(this.#keep, avail);
      if (take > 0) this.#keepPart(buf, pos, pos + take);
      this.#keep -= take;
      this.#need -= avail;
      return buf.length;
    }
    const end = pos + this.#need;
    if (this.#declared <= this.#max) {
      if (this.#partBytes === 0) {
        this.#emitFrame(buf, pos, end, out);
      } else {
        const whole = this.#collect(buf, pos, end);
        this.#emitFrame(whole, 0, whole.length, out);
      }
    } else {
      const raw = this.#collect(buf, pos, pos + Math.min(this.#keep, this.#need));
      out.rejects.push({
        kind: 'oversized',
        reason: `octet-counted frame of ${this.#declared} bytes exceeds ${this.#max}; cut`,
        raw: raw.toString('utf8'),
      });
    }
    this.#state = START;
    return end;
  }

  /** Emit `buf[start, end)` as a frame without trailing CR/LF/NUL; empty frames are dropped. */
  #emitFrame(buf: Buffer, start: number, end: number, out: FramerOutput): void {
    while (end > start) {
      const b = buf[end - 1];
      if (b !== CR && b !== LF && b !== NUL) break;
      end--;
    }
    if (end > start) out.frames.push(buf.toString('utf8', start, end));
  }

  /** Copy a piece of a chunk aside: chunks are not retained, so a slow frame cannot pin them. */
  #keepPart(buf: Buffer, start: number, end: number): void {
    this.#parts.push(Buffer.from(buf.subarray(start, end)));
    this.#partBytes += end - start;
  }

  /** The kept pieces plus `buf[start, end)`, as one buffer; clears the pieces. */
  #collect(buf: Buffer, start: number, end: number): Buffer {
    const tail = buf.subarray(start, end);
    const whole = this.#parts.length === 0 ? tail : Buffer.concat([...this.#parts, tail], this.#partBytes + tail.length);
    this.#parts = [];
    this.#partBytes = 0;
    return whole;
  }

  #addGarbage(b: number): void {
    if (this.#garbageBytes < this.#max) {
      this.#garbage ??= Buffer.allocUnsafe(this.#max);
      this.#garbage[this.#garbageBytes] = b;
    }
    this.#garbageBytes++;
  }

  #endGarbage(out: FramerOutput): void {
    if (this.#garbageBytes === 0) return;
    const kept = Math.min(this.#garbageBytes, this.#max);
    out.rejects.push({
      kind: 'bad-octet-count',
      reason: `bad octet count: skipped ${this.#garbageBytes} bytes to resynchronise`,
      raw: this.#garbage!.toString('utf8', 0, kept),
    });
    this.#garbageBytes = 0;
  }

  /** First LF or NUL at or after `pos`, or -1. Each terminator kind is searched once per chunk. */
  #findTerminator(buf: Buffer, pos: number): number {
    if (buf !== this.#scanBuf) {
      this.#scanBuf = buf;
      this.#lfAt = -2;
      this.#nulAt = -2;
    }
    if (this.#lfAt !== -1 && this.#lfAt < pos) this.#lfAt = buf.indexOf(LF, pos);
    if (this.#nulAt !== -1 && this.#nulAt < pos) this.#nulAt = buf.indexOf(NUL, pos);
    if (this.#lfAt < 0) return this.#nulAt;
    if (this.#nulAt < 0) return this.#lfAt;
    return Math.min(this.#lfAt, this.#nulAt);
  }
}
