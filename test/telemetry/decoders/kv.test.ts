import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kvPairs, parseKv } from '../../../src/telemetry/decoders/kv.ts';

test('plain, quoted, escaped, empty and bare tokens (space-separated)', () => {
  assert.deepEqual(kvPairs('a=1 b="two words" c="say \\"hi\\" \\\\ ok" d= e=\'x y\'  DF f=9', 0, []), [
    'a', '1', 'b', 'two words', 'c', 'say "hi" \\ ok', 'd', '', 'e', 'x y', 'DF', '', 'f', '9',
  ]);
});

test('start offset, trailing empty value and unterminated quote', () => {
  assert.deepEqual(kvPairs('xx a=1 b=', 3, []), ['a', '1', 'b', '']);
  assert.deepEqual(kvPairs('a="open ended', 0, []), ['a', 'open ended']);
  assert.deepEqual(kvPairs('', 0, []), []);
});

test('parseKv: later duplicates win, no prototype keys', () => {
  const kv = parseKv('a=1 a=2 constructor=x');
  assert.equal(kv['a'], '2');
  assert.equal(kv['constructor'], 'x');
  assert.equal(Object.getPrototypeOf(kv), null);
});

test('fuzz: never throws, always an even number of strings, round-trips simple pairs', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
    const out = kvPairs(s, 0, []);
    assert.equal(out.length % 2, 0);
  }), { numRuns: 5000 });
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
  const value = fc.string({ maxLength: 20 }).filter((v) => !v.includes('\\'));
  fc.assert(fc.property(fc.array(fc.tuple(key, value), { maxLength: 10 }), (pairs) => {
    const line = pairs.map(([k, v]) => `${k}="${v.replaceAll('"', '\\"')}"`).join(' ');
    assert.deepEqual(kvPairs(line, 0, []), pairs.flat());
  }), { numRuns: 2000 });
});
