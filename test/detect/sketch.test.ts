import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BoundedMap } from '../../src/detect/sketch/bounded-map.ts';
import { CountMinSketch } from '../../src/detect/sketch/count-min.ts';
import { DistinctCounter } from '../../src/detect/sketch/distinct.ts';
import { hashString } from '../../src/detect/sketch/hash.ts';
import { HyperLogLog } from '../../src/detect/sketch/hyperloglog.ts';

test('HyperLogLog stays within 3 standard errors across cardinalities', () => {
  for (const p of [8, 12]) {
    const se = 1.04 / Math.sqrt(1 << p);
    for (const n of [10, 100, 1000, 10_000, 100_000]) {
      const h = new HyperLogLog(p);
      for (let i = 0; i < n; i++) h.addHash(hashString(`198.51.${i >> 8}.${i & 255}:${i}`));
      const err = Math.abs(h.estimate() - n) / n;
      assert.ok(err <= 3 * se, `p=${p} n=${n} relative error ${err.toFixed(4)} > ${(3 * se).toFixed(4)}`);
    }
  }
});

test('HyperLogLog merge is a union and ignores duplicates', () => {
  const a = new HyperLogLog(12);
  const b = new HyperLogLog(12);
  for (let i = 0; i < 5000; i++) a.addHash(hashString(`a${i}`));
  for (let i = 2500; i < 7500; i++) b.addHash(hashString(`a${i}`));
  a.merge(b);
  assert.ok(Math.abs(a.estimate() - 7500) / 7500 < 0.05);
  assert.throws(() => a.merge(new HyperLogLog(8)));
});

test('DistinctCounter is exact below its limit and close above it; union estimates agree', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 200 }), (xs) => {
      const c = new DistinctCounter(64, 10);
      for (const x of xs) c.addHash(hashString(String(x)));
      assert.equal(c.estimate(), new Set(xs).size);
    }),
  );
  const a = new DistinctCounter(16, 12);
  const b = new DistinctCounter(16, 12);
  for (let i = 0; i < 3000; i++) a.addHash(hashString(`h${i}`));
  for (let i = 0; i < 10; i++) b.addHash(hashString(`h${i}`));
  assert.ok(Math.abs(a.unionEstimate(b) - 3000) / 3000 < 0.05);
});

test('Count-Min never undercounts and overcounts within epsilon * total', () => {
  const eps = 0.001;
  const cms = CountMinSketch.fromError(eps, 0.01);
  const truth = new Map<string, number>();
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < 50_000; i++) {
    const k = `k${Math.floor(rnd() ** 3 * 5000)}`;
    const before = i % 97 === 0 ? cms.estimate(k) : undefined;
    const returned = cms.add(k);
    if (before !== undefined) assert.equal(returned, before, 'add returns the estimate from before it counted');
    truth.set(k, (truth.get(k) ?? 0) + 1);
  }
  let violations = 0;
  for (const [k, n] of truth) {
    const est = cms.estimate(k);
    assert.ok(est >= n, `undercount for ${k}`);
    if (est - n > eps * cms.total) violations++;
  }
  assert.ok(violations / truth.size <= 0.01, `${violations} of ${truth.size} keys over the bound`);
  assert.equal(cms.estimate('never-added'), 0);
  cms.halve();
  assert.equal(cms.total, 25_000);
});

test('BoundedMap expires by TTL, caps its size, keeps busy keys', () => {
  const m = new BoundedMap<string, number>(3, 1000);
  m.upsert('a', 0, () => 1);
  m.upsert('b', 100, () => 2);
  m.upsert('c', 200, () => 3);
  m.upsert('d', 300, () => 4); // full: 'a' (least recently used) goes
  assert.equal(m.peek('a'), undefined);
  assert.equal(m.overflowed, 1);
  for (let t = 400; t <= 2000; t += 100) m.get('b', t); // keep 'b' busy
  assert.equal(m.evict(2050), 2); // c and d expired
  assert.deepEqual([...m.entries()].map(([k]) => k), ['b']);
  // get-then-add is upsert without a closure: same cap, same order.
  assert.equal(m.get('e', 2100) ?? m.add('e', 2100, 5), 5);
  assert.equal(m.get('e', 2200) ?? m.add('e', 2200, 6), 5);
  const values: number[] = [];
  m.forEachValue((v) => values.push(v));
  assert.deepEqual(values, [2, 5]);
});
