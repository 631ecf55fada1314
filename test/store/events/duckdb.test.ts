import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaernEvent } from '../../../src/model/event.ts';
import type { Reject } from '../../../src/model/reject.ts';
import { EVENT_FIELDS, EVENT_FIELD_NAMES, type EventFieldName } from '../../../src/model/fields.ts';
import { ALL_TENANTS, scopeOf } from '../../../src/model/tenant.ts';
import type { EventFilter, EventStore } from '../../../src/store/events/event-store.ts';
import { openDuckDbEventStore } from '../../../src/store/events/duckdb.ts';

const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);
const HOUR = 3_600_000;
const A = scopeOf(['aby']);
const B = scopeOf(['bby']);
const ALL: EventFilter = { scope: ALL_TENANTS, from: 0, to: T0 * 2 };

function fw(tenant: string, at: number, src: string, over: Partial<VaernEvent> = {}): VaernEvent {
  return {
    '@timestamp': at,
    'vaern.tenant': tenant,
    'vaern.sensor': `${tenant}-fw`,
    'event.action': 'denied',
    'network.direction': 'inbound',
    'source.ip': src,
    'destination.ip': '10.0.0.5',
    'destination.port': 22,
    ...over,
  };
}

/** Shared fixture: tenant A has 6 events, tenant B has 3, spread over two days. */
const FIXTURE: VaernEvent[] = [
  fw('aby', T0 + 1 * HOUR, '203.0.113.7', { 'source.geo.country_iso_code': 'RU', 'source.as.number': 64500, 'source.as.organization.name': 'Example RU' }),
  fw('aby', T0 + 1 * HOUR + 5, '203.0.113.7', { 'source.geo.country_iso_code': 'RU', 'source.as.number': 64500, 'source.as.organization.name': 'Example RU' }),
  fw('aby', T0 + 2 * HOUR, '203.0.113.8', { 'source.geo.country_iso_code': 'RU', 'source.as.number': 64500, 'source.as.organization.name': 'Example RU', 'destination.port': 3389 }),
  fw('aby', T0 + 25 * HOUR, '198.51.100.1', { 'source.geo.country_iso_code': 'CN', 'source.as.number': 64501, 'source.as.organization.name': 'Example CN', 'event.action': 'allowed' }),
  fw('aby', T0 + 26 * HOUR, '2001:db8:abcd::1', { 'source.geo.country_iso_code': 'US', 'network.direction': 'outbound', 'destination.ip': '2001:db8:ffff::2' }),
  fw('aby', T0 + 27 * HOUR, '10.0.0.9', { 'network.direction': 'internal', 'destination.ip': '198.51.100.77' }),
  fw('bby', T0 + 1 * HOUR, '203.0.113.9', { 'source.geo.country_iso_code': 'DE', 'source.as.number': 64999, 'source.as.organization.name': 'Only B' }),
  fw('bby', T0 + 2 * HOUR, '203.0.113.9', { 'source.geo.country_iso_code': 'DE', 'network.direction': 'external' }),
  fw('bby', T0 + 30 * HOUR, '192.0.2.1', { 'vaern.sensor': 'bby-router' }),
];

let store: EventStore;
before(async () => {
  store = await openDuckDbEventStore({});
  await store.appendBatch(FIXTURE.slice(0, 4));
  await store.appendBatch(FIXTURE.slice(4));
});
after(() => store.close());

test('every catalogue field survives a round trip', async () => {
  const s = await openDuckDbEventStore({});
  try {
    const sample: Record<string, unknown> = {};
    for (const [i, name] of EVENT_FIELD_NAMES.entries()) {
      const type = EVENT_FIELDS[name];
      sample[name] =
        type === 'date' ? T0 + i : type === 'long' ? 1_000_000_000_000 + i : type === 'keyword[]' ? [`a${i}`, `b${i}`] : type === 'ip' ? `192.0.2.${i}` : `value ${i} – æøå`;
    }
    sample['@timestamp'] = T0;
    sample['vaern.tenant'] = 'aby';
    sample['source.ip'] = '2001:db8::1';
    const full = sample as VaernEvent;
    const sparse: VaernEvent = { '@timestamp': T0 + 1, 'vaern.tenant': 'aby', 'event.category': [], message: '' };
    await s.appendBatch([full, sparse]);
    assert.deepEqual(await s.query({ scope: ALL_TENANTS, from: T0, to: T0 + 2, limit: 10, order: 'asc' }), [full, sparse]);
  } finally {
    await s.close();
  }
});

test('query orders by time, honours limit, and filters by equals', async () => {
  const newest = await store.query({ ...ALL, limit: 2 });
  assert.deepEqual(
    newest.map((e) => e['@timestamp']),
    [T0 + 30 * HOUR, T0 + 27 * HOUR],
  );
  const oldest = await store.query({ ...ALL, limit: 1, order: 'asc' });
  assert.equal(oldest[0]?.['@timestamp'], T0 + HOUR);
  assert.equal(await store.count({ ...ALL, equals: { 'destination.port': 3389 } }), 1);
  assert.equal(await store.count({ ...ALL, equals: { 'destination.port': ['22', 3389] } }), 9);
  assert.equal(await store.count({ ...ALL, equals: { 'source.geo.country_iso_code': ['RU', 'CN'] } }), 4);
  assert.equal(await store.count({ ...ALL, equals: { 'source.geo.country_iso_code': [] } }), 0);
  assert.equal(await store.count({ ...ALL, from: T0 + HOUR + 5, to: T0 + 2 * HOUR }), 1, 'from inclusive, to exclusive');
});

test('equals on a list field matches any element', async () => {
  const s = await openDuckDbEventStore({});
  try {
    await s.appendBatch([
      { '@timestamp': T0, 'vaern.tenant': 'aby', 'event.type': ['connection', 'denied'] },
      { '@timestamp': T0, 'vaern.tenant': 'aby', 'event.type': ['connection', 'allowed'] },
    ]);
    assert.equal(await s.count({ ...ALL, equals: { 'event.type': 'denied' } }), 1);
    assert.equal(await s.count({ ...ALL, equals: { 'event.type': ['denied', 'allowed'] } }), 2);
  } finally {
    await s.close();
  }
});

test('unknown fields, bad integers and bad addresses are refused', async () => {
  await assert.rejects(store.count({ ...ALL, equals: { 'no.such': 'x' } as EventFilter['equals'] }), /unknown event field "no.such"/);
  await assert.rejects(store.count({ ...ALL, equals: { 'destination.port': '22 OR 1=1' } }), /expected an integer/);
  await assert.rejects(store.count({ ...ALL, address: '10.0.0.0/33' }), /prefix/);
  await assert.rejects(store.count({ ...ALL, address: "1.2.3.4' OR 1=1" }), /not an address/);
});

test('a scope never sees another tenant: query, count, aggregate', async () => {
  const a = await store.query({ ...ALL, scope: A, limit: 100 });
  assert.equal(a.length, 6);
  assert.ok(a.every((e) => e['vaern.tenant'] === 'aby'));
  assert.equal(await store.count({ ...ALL, scope: B }), 3);
  assert.equal(await store.count({ ...ALL, scope: scopeOf([]) }), 0);
  assert.equal(await store.count({ ...ALL, scope: scopeOf(['aby', 'bby']) }), 9);
  for (const by of ['country', 'asn', 'tenant', 'sensor', 'source.ip', 'destination.port', 'day', 'hour'] as const) {
    const rows = await store.aggregate({ ...ALL, scope: A, by });
    assert.equal(
      rows.reduce((n, r) => n + r.count, 0) <= 6,
      true,
      by,
    );
    assert.ok(!rows.some((r) => ['DE', '64999', 'bby', 'bby-fw', '203.0.113.9'].includes(r.key)), `${by} leaks B`);
  }
  // Equality on the tenant field cannot widen the scope.
  assert.equal(await store.count({ ...ALL, scope: A, equals: { 'vaern.tenant': 'bby' } }), 0);
});

test('aggregate by country: count and distinct sources, top-N', async () => {
  assert.deepEqual(await store.aggregate({ ...ALL, by: 'country' }), [
    { key: 'RU', count: 3, sources: 2 },
    { key: 'DE', count: 2, sources: 1 },
    { key: 'CN', count: 1, sources: 1 },
    { key: 'US', count: 1, sources: 1 },
  ]);
  assert.deepEqual(
    (await store.aggregate({ ...ALL, by: 'country', limit: 2 })).map((r) => r.key),
    ['RU', 'DE'],
  );
});

test('aggregate by asn carries the organisation label', async () => {
  assert.deepEqual(await store.aggregate({ ...ALL, scope: A, by: 'asn' }), [
    { key: '64500', count: 3, sources: 2, label: 'Example RU' },
    { key: '64501', count: 1, sources: 1, label: 'Example CN' },
  ]);
});

test('aggregate by day and hour: UTC buckets in time order, limit ignored', async () => {
  assert.deepEqual(await store.aggregate({ ...ALL, by: 'day', limit: 1 }), [
    { key: '2026-11-23', count: 5, sources: 3 },
    { key: '2026-11-24', count: 4, sources: 4 },
  ]);
  const hours = await store.aggregate({ ...ALL, scope: A, by: 'hour' });
  assert.deepEqual(hours[0], { key: '2026-11-23T01:00:00Z', count: 2, sources: 1 });
  assert.deepEqual(
    hours.map((h) => h.key),
    ['2026-11-23T01:00:00Z', '2026-11-23T02:00:00Z', '2026-11-24T01:00:00Z', '2026-11-24T02:00:00Z', '2026-11-24T03:00:00Z'],
  );
});

test('histogram: counts per UTC hour or day in time order, scoped and filtered like a query', async () => {
  assert.deepEqual(await store.histogram({ ...ALL, interval: 'day' }), [
    { key: '2026-11-23', count: 5 },
    { key: '2026-11-24', count: 4 },
  ]);
  assert.deepEqual(await store.histogram({ ...ALL, scope: A, interval: 'hour', equals: { 'event.action': 'denied' } }), [
    { key: '2026-11-23T01:00:00Z', count: 2 },
    { key: '2026-11-23T02:00:00Z', count: 1 },
    { key: '2026-11-24T02:00:00Z', count: 1 },
    { key: '2026-11-24T03:00:00Z', count: 1 },
  ]);
  assert.deepEqual(await store.histogram({ ...ALL, scope: B, interval: 'day', address: '203.0.113.0/24' }), [{ key: '2026-11-23', count: 2 }]);
  assert.deepEqual(await store.histogram({ ...ALL, scope: scopeOf([]), interval: 'day' }), []);
});

test('aggregate by tenant, sensor, destination port and source address', async () => {
  assert.deepEqual(await store.aggregate({ ...ALL, by: 'tenant' }), [
    { key: 'aby', count: 6, sources: 5 },
    { key: 'bby', count: 3, sources: 2 },
  ]);
  assert.deepEqual(
    (await store.aggregate({ ...ALL, scope: B, by: 'sensor' })).map((r) => [r.key, r.count]),
    [
      ['bby-fw', 2],
      ['bby-router', 1],
    ],
  );
  assert.deepEqual(
    (await store.aggregate({ ...ALL, by: 'destination.port' })).map((r) => [r.key, r.count]),
    [
      ['22', 8],
      ['3389', 1],
    ],
  );
  assert.deepEqual(await store.aggregate({ ...ALL, by: 'source.ip', limit: 2 }), [
    { key: '203.0.113.7', count: 2, sources: 1 },
    { key: '203.0.113.9', count: 2, sources: 1 },
  ]);
});

test('address filter: exact address or CIDR, either end, IPv4 and IPv6', async () => {
  assert.equal(await store.count({ ...ALL, address: '203.0.113.7' }), 2);
  assert.equal(await store.count({ ...ALL, address: '203.0.113.0/24' }), 5);
  assert.equal(await store.count({ ...ALL, address: '203.0.113.8/31' }), 3, '.8/31 holds .8 and .9');
  assert.equal(await store.count({ ...ALL, address: '198.51.100.0/24' }), 2, 'source in one, destination in another');
  assert.equal(await store.count({ ...ALL, address: '10.0.0.0/8' }), 8, 'every IPv4 event has an end in 10/8');
  assert.equal(await store.count({ ...ALL, address: '0.0.0.0/0' }), 8, 'all but the IPv6 event');
  assert.equal(await store.count({ ...ALL, address: '2001:db8::/32' }), 1);
  assert.equal(await store.count({ ...ALL, address: '2001:db8:ffff::2' }), 1, 'IPv6 destination');
  assert.equal(await store.count({ ...ALL, address: '2001:0db8:abcd:0000::1' }), 1, 'non-canonical spelling matches');
  assert.equal(await store.count({ ...ALL, scope: B, address: '203.0.113.7' }), 0);
});

test('breach attempts: denied and from outside', async () => {
  assert.equal(await store.count({ ...ALL, breachAttempts: true }), 6);
  assert.equal(await store.count({ ...ALL, scope: B, breachAttempts: true }), 3);
});

test('rejects: stored per tenant, scoped, newest first', async () => {
  const r = (tenant: string, at: number, extra: Partial<Reject> = {}): Reject => ({
    receivedAt: at,
    tenant,
    sensor: `${tenant}-fw`,
    origin: 'udp:5514',
    format: 'filterlog',
    reason: 'filterlog: expected 9 fields',
    raw: '<134>bad line',
    ...extra,
  });
  await store.appendRejects([r('aby', T0), r('bby', T0 + 1), r('aby', T0 + 2, { line: 7, offset: 1234, origin: '/var/log/fw.log' })]);
  const a = await store.rejects({ scope: A, from: 0, to: T0 * 2, limit: 10 });
  assert.deepEqual(a, [r('aby', T0 + 2, { line: 7, offset: 1234, origin: '/var/log/fw.log' }), r('aby', T0)]);
  assert.deepEqual(
    (await store.rejects({ scope: B, from: 0, to: T0 * 2, limit: 10 })).map((x) => x.tenant),
    ['bby'],
  );
  assert.equal((await store.rejects({ scope: ALL_TENANTS, from: 0, to: T0 * 2, limit: 2 })).length, 2);
  assert.equal((await store.rejects({ scope: scopeOf([]), from: 0, to: T0 * 2, limit: 10 })).length, 0);
});

test('retention deletes events before the cut and reports how many', async () => {
  const s = await openDuckDbEventStore({});
  try {
    await s.appendBatch(FIXTURE);
    assert.equal(await s.deleteBefore(T0 + 24 * HOUR), 5);
    assert.equal(await s.count(ALL), 4);
    assert.equal(await s.deleteBefore(T0 + 24 * HOUR), 0);
  } finally {
    await s.close();
  }
});

test('a file-backed store keeps events and rejects across reopen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vaern-events-'));
  const path = join(dir, 'sub', 'events.duckdb');
  try {
    const first = await openDuckDbEventStore({ path });
    await first.appendBatch(FIXTURE);
    await first.appendRejects([{ receivedAt: T0, tenant: 'aby', sensor: 's', origin: 'udp:5514', format: 'auto', reason: 'r', raw: 'x' }]);
    await first.flush();
    await first.close();
    const second = await openDuckDbEventStore({ path });
    assert.equal(await second.count(ALL), FIXTURE.length);
    const byTimeAndTenant = (x: VaernEvent, y: VaernEvent): number => x['@timestamp'] - y['@timestamp'] || x['vaern.tenant'].localeCompare(y['vaern.tenant']);
    assert.deepEqual((await second.query({ ...ALL, limit: 100, order: 'asc' })).sort(byTimeAndTenant), [...FIXTURE].sort(byTimeAndTenant));
    assert.equal((await second.rejects({ scope: ALL_TENANTS, from: 0, to: T0 * 2, limit: 10 })).length, 1);
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the store checkpoints by itself after checkpointRows appended events, and not before', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vaern-duckdb-'));
  const path = join(dir, 'events.duckdb');
  const walBytes = async (): Promise<number> => (await stat(`${path}.wal`).catch(() => ({ size: 0 }))).size;
  try {
    const s = await openDuckDbEventStore({ path, commitIntervalMs: 10, checkpointRows: FIXTURE.length + 1 });
    await s.appendBatch(FIXTURE);
    await new Promise((r) => setTimeout(r, 100));
    // Committed by the timer, so in the WAL; one row short of a checkpoint.
    assert.ok((await walBytes()) > 0);
    await s.appendBatch(FIXTURE.slice(0, 1));
    const deadline = Date.now() + 5_000;
    while ((await walBytes()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await walBytes(), 0);
    assert.equal(await s.count(ALL), FIXTURE.length + 1);
    await s.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('appends before a read are visible to it without an explicit flush', async () => {
  const s = await openDuckDbEventStore({ commitRows: 1_000_000, commitIntervalMs: 60_000 });
  try {
    const pending = s.appendBatch(FIXTURE);
    assert.equal(await s.count(ALL), FIXTURE.length);
    await pending;
  } finally {
    await s.close();
  }
});

test('a query beyond 10,000 rows returns the same events in the same order as a full sort', async () => {
  // Large limits go through a time cut (the n-th event's time): ties at the cut, events appended
  // out of time order, another tenant and a filter must not change the answer.
  const s = await openDuckDbEventStore({});
  try {
    const n = 25_000;
    const events: VaernEvent[] = Array.from({ length: n }, (_, i) => {
      const at = T0 + (i % 2 === 0 ? i : n - i) * 10 + (i % 3 === 0 ? 0 : 1);
      return fw(i % 5 === 0 ? 'bby' : 'aby', Math.floor(at / 20) * 20, `198.51.100.${i % 250}`, { 'source.port': i, 'destination.port': i % 4 === 0 ? 22 : 443 });
    });
    await s.appendBatch(events);
    const expected = (order: 'asc' | 'desc', take: number, port?: number) =>
      events
        .filter((e) => e['vaern.tenant'] === 'aby' && (port === undefined || e['destination.port'] === port))
        .sort((a, b) => (order === 'asc' ? a['@timestamp'] - b['@timestamp'] : b['@timestamp'] - a['@timestamp']))
        .slice(0, take);
    const times = (xs: readonly VaernEvent[]) => xs.map((e) => e['@timestamp']);
    const base = { ...ALL, scope: A };
    for (const order of ['asc', 'desc'] as const) {
      for (const [take, port] of [[12_345, undefined], [10_001, 443], [19_999, 22]] as const) {
        const got = await s.query({ ...base, order, limit: take, ...(port === undefined ? {} : { equals: { 'destination.port': port } }) });
        const want = expected(order, take, port);
        assert.equal(got.length, want.length, `${order} ${take} ${port}`);
        assert.deepEqual(times(got), times(want), `${order} ${take} ${port}`);
        assert.ok(got.every((e) => e['vaern.tenant'] === 'aby' && (port === undefined || e['destination.port'] === port)));
      }
    }
  } finally {
    await s.close();
  }
});

test('large appends in odd batch sizes keep every value and every NULL in place', async () => {
  // Crosses several 2,048-row chunks and commits, with columns switching between all-NULL and
  // set from one slice to the next (the writer skips columns that stay all-NULL).
  const s = await openDuckDbEventStore({ commitRows: 4_096 });
  try {
    const n = 9_000;
    const events: VaernEvent[] = Array.from({ length: n }, (_, i) => {
      const slice = Math.floor(i / 2048);
      const e: VaernEvent = { '@timestamp': T0 + i, 'vaern.tenant': 'aby' };
      if (slice % 2 === 0) e['source.port'] = i;
      if (slice % 3 === 1) e['rule.name'] = `rule-${i}`;
      if (slice === 4 && i % 7 === 0) e['event.category'] = ['network', String(i)];
      if (i % 1000 === 999) e['source.ip'] = '192.0.2.1';
      return e;
    });
    for (let i = 0, size = 1; i < n; i += size, size = (size * 7 + 3) % 3_000) await s.appendBatch(events.slice(i, i + size));
    const back = await s.query({ ...ALL, limit: n, order: 'asc' });
    assert.equal(back.length, n);
    assert.deepEqual(back, events);
    assert.equal(await s.count({ ...ALL, address: '192.0.2.1' }), 9);
  } finally {
    await s.close();
  }
});

test('malformed values are coerced, not fatal to the batch', async () => {
  const s = await openDuckDbEventStore({});
  try {
    const bad = { '@timestamp': T0, 'vaern.tenant': 'aby', 'source.port': 22.7, 'destination.port': Number.NaN } as VaernEvent;
    await s.appendBatch([bad, FIXTURE[0]!]);
    const rows = await s.query({ ...ALL, limit: 10, order: 'asc' });
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.['source.port'], 22);
    assert.equal(rows[0]?.['destination.port'], undefined);
  } finally {
    await s.close();
  }
});

test('column names are unique and plain', async () => {
  const { EVENT_COLUMNS } = await import('../../../src/store/events/columns.ts');
  const names = EVENT_COLUMNS.map((c) => c.column);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.every((n) => /^[a-z0-9_]+$/.test(n)));
  assert.equal(EVENT_COLUMNS.find((c) => c.field === ('source.geo.country_iso_code' as EventFieldName))?.column, 'source__geo__country_iso_code');
});

test('fields without a column of their own filter like columns: text, number, list', async () => {
  const s = await openDuckDbEventStore({});
  try {
    await s.appendBatch([
      { '@timestamp': T0, 'vaern.tenant': 'aby', 'dns.question.name': 'evil.example', 'process.pid': 42, 'related.ip': ['192.0.2.1', '10.0.0.1'] },
      { '@timestamp': T0, 'vaern.tenant': 'aby', 'dns.question.name': 'good.example', 'process.pid': 7 },
    ]);
    assert.equal(await s.count({ ...ALL, equals: { 'dns.question.name': 'evil.example' } }), 1);
    assert.equal(await s.count({ ...ALL, equals: { 'process.pid': [42, '7'] } }), 2);
    assert.equal(await s.count({ ...ALL, equals: { 'related.ip': '10.0.0.1' } }), 1);
  } finally {
    await s.close();
  }
});

test('a file from before the extra column is migrated: every value kept, old columns dropped', async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { EVENT_COLUMNS } = await import('../../../src/store/events/columns.ts');
  const dir = await mkdtemp(join(tmpdir(), 'vaern-events-'));
  const path = join(dir, 'events.duckdb');
  try {
    const sqlType = { date: 'BIGINT', long: 'BIGINT', ip: 'VARCHAR', keyword: 'VARCHAR', text: 'VARCHAR', 'keyword[]': 'VARCHAR[]' } as const;
    const legacy = await DuckDBInstance.create(path);
    const c = await legacy.connect();
    const cols = [...EVENT_COLUMNS.map((col) => `"${col.column}" ${sqlType[col.type]}`), 'source__ip_v4 UINTEGER', 'source__ip_v6 UHUGEINT', 'destination__ip_v4 UINTEGER', 'destination__ip_v6 UHUGEINT'];
    await c.run(`CREATE TABLE events (${cols.join(', ')})`);
    await c.run(`INSERT INTO events ("timestamp", vaern__tenant, source__ip, source__ip_v4, rule__name, process__pid, event__category) VALUES (${T0}, 'aby', '192.0.2.1', 3221225985, 'r1', 42, ['network'])`);
    c.closeSync();
    legacy.closeSync();

    const s = await openDuckDbEventStore({ path });
    assert.deepEqual(await s.query({ ...ALL, limit: 10 }), [
      { '@timestamp': T0, 'vaern.tenant': 'aby', 'source.ip': '192.0.2.1', 'rule.name': 'r1', 'process.pid': 42, 'event.category': ['network'] },
    ]);
    assert.equal(await s.count({ ...ALL, equals: { 'process.pid': 42 } }), 1);
    assert.equal(await s.count({ ...ALL, address: '192.0.2.0/24' }), 1);
    await s.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
