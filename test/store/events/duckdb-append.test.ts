import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VaernEvent } from '../../../src/model/event.ts';
import { ALL_TENANTS } from '../../../src/model/tenant.ts';
import { openDuckDbEventStore } from '../../../src/store/events/duckdb.ts';

const T0 = Date.UTC(2026, 10, 23);
const ALL = { scope: ALL_TENANTS, from: 0, to: T0 * 2 };

test('integers beyond BIGINT saturate at its ends, in columns and in extra', async () => {
  const s = await openDuckDbEventStore({});
  try {
    const max = 2n ** 63n - 1n;
    const events: VaernEvent[] = [
      // A 64-bit counter read as unsigned (NetFlow octets, a sentinel all-ones value).
      { '@timestamp': T0, 'vaern.tenant': 'aby', 'source.bytes': 2 ** 64, 'destination.bytes': -(2 ** 70), 'network.bytes': 2 ** 63, 'http.response.body.bytes': 2 ** 64 },
      { '@timestamp': T0 + 1, 'vaern.tenant': 'aby', 'source.bytes': 2 ** 52, 'destination.bytes': -1, 'network.bytes': Number.MAX_SAFE_INTEGER, 'http.response.body.bytes': 2 ** 62 },
    ];
    await s.appendBatch(events);
    const back = await s.query({ ...ALL, limit: 10, order: 'asc' });
    assert.equal(back.length, 2);
    assert.equal(back[0]?.['source.bytes'], Number(max));
    assert.equal(back[0]?.['destination.bytes'], Number(-max - 1n));
    assert.equal(back[0]?.['network.bytes'], Number(max));
    assert.equal(back[0]?.['http.response.body.bytes'], Number(max));
    assert.deepEqual(back[1], events[1]);
    assert.equal(await s.count({ ...ALL, equals: { 'source.bytes': 2 ** 52 } }), 1);
  } finally {
    await s.close();
  }
});

test('text of every length and script, repeated or unique, reads back across many chunks', async () => {
  // Over 32 slices of 2,048 rows, so the writer replaces its chunk (and forgets the strings it
  // had handed to DuckDB) at least once, with more distinct long strings than it remembers.
  const s = await openDuckDbEventStore({ commitRows: 10_000 });
  try {
    const hosts = ['fw-rådhus-kerne-01', 'fw-skole-02', 'router-bibliotek', 'æøå', 'abcdefghijkl'];
    const users = ['', 'a', 'abcdefghijk', 'abcdefghijkl', 'abcdefghijklm', 'æøåæøå', 'æøåæøåa', '😀😀😀', '😀😀😀x', 'ø'.repeat(40)];
    const n = 70_000;
    const events: VaernEvent[] = Array.from({ length: n }, (_, i) => ({
      '@timestamp': T0 + i,
      'vaern.tenant': 'aby',
      'observer.hostname': hosts[i % hosts.length]!,
      'user.name': users[i % users.length]!,
      'rule.name': `a rule of its own, number ${i}`,
      'source.ip': i % 5 === 0 ? `2001:db8::${(i % 65_536).toString(16)}` : `192.168.${(i >> 8) & 255}.${i & 255}`,
    }));
    for (let i = 0; i < n; i += 5_000) await s.appendBatch(events.slice(i, i + 5_000));
    const back = await s.query({ ...ALL, limit: n, order: 'asc' });
    assert.equal(back.length, n);
    assert.deepEqual(back, events);
    // Equality in SQL compares inline strings on all 16 bytes: padding must be clean.
    for (const user of users) assert.equal(await s.count({ ...ALL, equals: { 'user.name': user } }), n / users.length, user);
    assert.equal(await s.count({ ...ALL, equals: { 'observer.hostname': hosts[0]! } }), n / hosts.length);
    assert.equal(await s.count({ ...ALL, address: '192.168.0.0/16' }), (n * 4) / 5);
  } finally {
    await s.close();
  }
});
