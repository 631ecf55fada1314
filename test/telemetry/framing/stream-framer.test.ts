import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StreamFramer, type FramerOutput, type StreamFramerOptions } from '../../../src/telemetry/framing/stream-framer.ts';

function frameAll(chunks: readonly Buffer[], options?: StreamFramerOptions): FramerOutput {
  const framer = new StreamFramer(options);
  const out: FramerOutput = { frames: [], rejects: [] };
  for (const c of chunks) framer.push(c, out);
  framer.end(out);
  return out;
}

/** Cut `buf` at the given (sorted, deduplicated) points. */
function chunked(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    chunks.push(buf.subarray(prev, p));
    prev = p;
  }
  chunks.push(buf.subarray(prev));
  return chunks;
}

const octet = (msgs: readonly string[]): Buffer =>
  Buffer.concat(msgs.map((m) => Buffer.concat([Buffer.from(`${Buffer.byteLength(m)} `), Buffer.from(m)])));

test('non-transparent framing: LF, CRLF and NUL trailers, blank lines skipped, unterminated last line kept', () => {
  const out = frameAll([Buffer.from('<13>one\n<13>two\r\n\n<13>three\0<13>four')]);
  assert.deepEqual(out.frames, ['<13>one', '<13>two', '<13>three', '<13>four']);
  assert.deepEqual(out.rejects, []);
});

test('octet counting with stray trailers between frames and a switch to a plain line', () => {
  const stream = Buffer.concat([octet(['<13>a b', '<14>ünïcödé']), Buffer.from('\r\n'), octet(['<15>x\ny']), Buffer.from('\0<16>line\n')]);
  const out = frameAll([stream]);
  assert.deepEqual(out.frames, ['<13>a b', '<14>ünïcödé', '<15>x\ny', '<16>line']);
  assert.deepEqual(out.rejects, []);
});

test('a line starting with digits and a space is not taken for an octet count', () => {
  const out = frameAll([Buffer.from('1700000000 host sshd: accepted\n<13>next\n')]);
  assert.deepEqual(out.frames, ['1700000000 host sshd: accepted', '<13>next']);
});

test('oversized line is cut to the maximum, reported, and the stream resyncs at the next line', () => {
  const long = 'x'.repeat(100);
  const out = frameAll([Buffer.from(`<13>ok\n${long}\n<13>after\n`)], { maxFrameBytes: 32 });
  assert.deepEqual(out.frames, ['<13>ok', '<13>after']);
  assert.equal(out.rejects.length, 1);
  assert.equal(out.rejects[0]!.kind, 'oversized');
  assert.equal(out.rejects[0]!.raw, 'x'.repeat(32));
});

test('oversized octet frame is cut, the declared rest skipped, and the next frame still arrives', () => {
  const big = '<13>' + 'y'.repeat(200);
  const out = frameAll([octet(['<13>first', big, '<13>last'])], { maxFrameBytes: 64 });
  assert.deepEqual(out.frames, ['<13>first', '<13>last']);
  assert.equal(out.rejects.length, 1);
  assert.equal(out.rejects[0]!.kind, 'oversized');
  assert.equal(out.rejects[0]!.raw, big.slice(0, 64));
  assert.match(out.rejects[0]!.reason, /204 bytes exceeds 64/);
});

test('bad octet count is reported once and the stream resyncs at the next frame start', () => {
  const stream = Buffer.concat([octet(['<13>a']), Buffer.from('zz9garbage'), octet(['<13>b', '<13>c'])]);
  const out = frameAll([stream]);
  assert.deepEqual(out.frames, ['<13>a', '<13>b', '<13>c']);
  assert.equal(out.rejects.length, 1);
  assert.equal(out.rejects[0]!.kind, 'bad-octet-count');
  assert.equal(out.rejects[0]!.raw, 'zz9garbage');
});

test('a stream ending inside an octet frame reports it as truncated', () => {
  const out = frameAll([Buffer.from('20 <13>short')]);
  assert.deepEqual(out.frames, []);
  assert.equal(out.rejects[0]!.kind, 'truncated');
  assert.equal(out.rejects[0]!.raw, '<13>short');
});

test('mode is decided by the first frame', () => {
  const a = new StreamFramer();
  const out: FramerOutput = { frames: [], rejects: [] };
  a.push(Buffer.from('5 <13>x'), out);
  assert.equal(a.mode, 'octet-counting');
  const b = new StreamFramer();
  b.push(Buffer.from('<13>x\n'), out);
  assert.equal(b.mode, 'non-transparent');
});

test('a UTF-8 character split at every byte of a frame decodes right', () => {
  const stream = Buffer.from('<13>æøå €𝄞\n');
  for (let i = 0; i <= stream.length; i++) {
    assert.deepEqual(frameAll([stream.subarray(0, i), stream.subarray(i)]).frames, ['<13>æøå €𝄞']);
  }
});

const message = fc
  .string({ unit: 'grapheme', minLength: 0, maxLength: 40 })
  .map((s) => `<${s.length % 192}>${s}`);

test('property: octet-counted messages come back exactly, for any chunking', () => {
  fc.assert(
    fc.property(fc.array(message, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (msgs, cuts) => {
      const stream = octet(msgs);
      const out = frameAll(chunked(stream, cuts));
      // Trailing CR/LF/NUL are trailers by design; the framer strips them from any frame.
      assert.deepEqual(out.frames, msgs.map((m) => m.replace(/[\r\n\0]+$/, '')).filter((m) => m !== ''));
      assert.deepEqual(out.rejects, []);
    }),
    { numRuns: 500 },
  );
});

test('property: LF-framed messages come back exactly, for any chunking', () => {
  const line = message.map((m) => m.replace(/[\r\n\0]/g, ' '));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\0'), fc.array(fc.nat(), { maxLength: 20 }), (msgs, eol, cuts) => {
      const stream = Buffer.from(msgs.map((m) => m + eol).join(''));
      const out = frameAll(chunked(stream, cuts));
      assert.deepEqual(out.frames, msgs);
    }),
    { numRuns: 500 },
  );
});

test('property: any byte stream frames the same however it is chunked, and never throws', () => {
  // Bytes biased towards the ones framing cares about, so headers, trailers and garbage all occur.
  const byte = fc.oneof(fc.constantFrom(0x0a, 0x0d, 0x00, 0x20, 0x3c, 0x3e, 0x31, 0x32, 0x35, 0x39, 0x30), fc.integer({ min: 0, max: 255 }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (bytes, cuts, max) => {
      const stream = Buffer.from(bytes);
      const whole = frameAll([stream], { maxFrameBytes: max });
      assert.deepEqual(frameAll(chunked(stream, cuts), { maxFrameBytes: max }), whole);
      const single = [...stream].map((b) => Buffer.from([b]));
      assert.deepEqual(frameAll(single, { maxFrameBytes: max }), whole);
    }),
    { numRuns: 1000 },
  );
});
