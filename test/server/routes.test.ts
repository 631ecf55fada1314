import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaernConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { CSV_COLUMNS } from '../../src/server/events/csv.ts';
import type { App } from '../../src/server/types.ts';
import { getAs, HOUR, ingestStats, NOW, openFixture, sendAs, WINDOW, type Fixture } from './fixture.ts';

let f: Fixture;
before(async () => {
  f = await openFixture();
});
after(() => f.close());

interface Breach {
  from: string;
  to: string;
  by: string;
  total: number;
  rows: { key: string; label?: string; count: number; sources: number }[];
}
const code = (res: { json: <T>() => T }): string => res.json<{ error: { code: string } }>().error.code;

describe('GET /api/v1/stats/breach-attempts', () => {
  test('counts denied inbound events by country, with distinct sources, across the caller’s tenants', async () => {
    const res = await getAs(f, 'admin', `/api/v1/stats/breach-attempts?${WINDOW}&by=country`);
    assert.equal(res.statusCode, 200);
    const body = res.json<Breach>();
    // alfa: RU 3 (2 sources), CN 2 (1 source); bravo: KP 1, RU 1 (same source 203.0.113.99). Outbound denies do not count.
    assert.equal(body.total, 7);
    assert.deepEqual(body.rows, [
      { key: 'RU', count: 4, sources: 3 },
      { key: 'CN', count: 2, sources: 1 },
      { key: 'KP', count: 1, sources: 1 },
    ]);
    assert.equal(body.from, new Date(NOW - 48 * HOUR).toISOString());
    assert.equal(body.to, new Date(NOW).toISOString());
  });

  test('by day and by AS (with the organisation as label), narrowed to one tenant', async () => {
    const day = (await getAs(f, 'alice', `/api/v1/stats/breach-attempts?${WINDOW}&by=day`)).json<Breach>();
    assert.equal(day.total, 5);
    assert.deepEqual(day.rows.map((r) => [r.key, r.count]), [
      ['2026-11-22', 1],
      ['2026-11-23', 4],
    ]);
    const asn = (await getAs(f, 'admin', `/api/v1/stats/breach-attempts?${WINDOW}&by=asn&tenant=alfa`)).json<Breach>();
    assert.deepEqual(asn.rows, [
      { key: '64500', label: 'Example RU Net', count: 3, sources: 2 },
      { key: '64501', label: 'Example CN Net', count: 2, sources: 1 },
    ]);
  });

  test('defaults to the last 24 hours; accepts ISO 8601; checks the range', async () => {
    const def = (await getAs(f, 'alice', '/api/v1/stats/breach-attempts')).json<Breach>();
    assert.equal(def.total, 4, 'the attempt 30 h ago is outside the default window');
    assert.equal(def.to, new Date(NOW).toISOString());
    const iso = await getAs(f, 'alice', `/api/v1/stats/breach-attempts?from=${new Date(NOW - 48 * HOUR).toISOString()}&to=${new Date(NOW).toISOString()}`);
    assert.equal(iso.json<Breach>().total, 5);
    const reversed = await getAs(f, 'alice', `/api/v1/stats/breach-attempts?from=${NOW}&to=${NOW - HOUR}`);
    assert.equal(reversed.statusCode, 400);
    assert.equal(code(reversed), 'VAERN_ERR_TIME_RANGE');
    assert.equal(code(await getAs(f, 'alice', `/api/v1/stats/breach-attempts?from=${NOW - 400 * 24 * HOUR}&to=${NOW}`)), 'VAERN_ERR_TIME_RANGE');
    assert.equal(code(await getAs(f, 'alice', '/api/v1/stats/breach-attempts?from=yesterday')), 'VAERN_ERR_VALIDATION');
    assert.equal(code(await getAs(f, 'alice', '/api/v1/stats/breach-attempts?by=planet')), 'VAERN_ERR_VALIDATION');
  });
});

describe('hunt', () => {
  const hunt = async (q: string): Promise<Record<string, unknown>[]> => {
    const res = await getAs(f, 'anna', `/api/v1/events?${WINDOW}&${q}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ events: Record<string, unknown>[] }>().events;
  };

  test('returns nested ECS JSON, newest first, and applies each filter', async () => {
    const all = await hunt('');
    assert.equal(all.length, 7);
    assert.equal(all[0]!['@timestamp'], new Date(NOW - HOUR).toISOString());
    assert.deepEqual((all[0]!['source'] as { geo: unknown }).geo, { country_iso_code: 'RU' });
    assert.equal((await hunt('ip=198.51.100.1')).length, 2);
    assert.equal((await hunt('cidr=198.51.100.0/24')).length, 3);
    assert.equal((await hunt('port=22')).length, 2);
    assert.equal((await hunt('country=cn')).length, 2);
    assert.equal((await hunt('asn=64500')).length, 3);
    assert.equal((await hunt('action=allowed')).length, 1);
    assert.equal((await hunt('sensor=fw-alfa&limit=3')).length, 3);
  });

  test('rejects contradictory or malformed filters', async () => {
    assert.equal((await getAs(f, 'anna', `/api/v1/events?ip=192.0.2.1&cidr=192.0.2.0/24`)).statusCode, 400);
    assert.equal((await getAs(f, 'anna', `/api/v1/events?ip=not-an-ip`)).statusCode, 400);
    assert.equal((await getAs(f, 'anna', `/api/v1/events?port=70000`)).statusCode, 400);
    assert.equal((await getAs(f, 'anna', `/api/v1/events?limit=0`)).statusCode, 400);
  });

  test('histogram counts per hour', async () => {
    const res = await getAs(f, 'victor', `/api/v1/events/histogram?from=${NOW - 6 * HOUR}&to=${NOW}&interval=hour`);
    const body = res.json<{ interval: string; buckets: { key: string; count: number }[] }>();
    assert.equal(body.interval, 'hour');
    assert.equal(body.buckets.reduce((n, b) => n + b.count, 0), 6);
    assert.deepEqual(body.buckets.find((b) => b.key.startsWith('2026-11-23T08')), { key: '2026-11-23T08:00:00Z', count: 2 });
  });

  test('CSV export has the fixed columns, one row per event oldest first, as an attachment', async () => {
    const res = await getAs(f, 'anna', `/api/v1/events.csv?${WINDOW}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const lines = res.body.trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length, 8);
    assert.ok(lines[1]!.startsWith(`${new Date(NOW - 30 * HOUR).toISOString()},alfa,fw-alfa,denied`));
  });

  test('rejects are listed with their reason, in scope', async () => {
    const res = await getAs(f, 'anna', `/api/v1/rejects?${WINDOW}`);
    const rejects = res.json<{ rejects: { tenant: string; reason: string }[] }>().rejects;
    assert.deepEqual(rejects.map((r) => r.tenant), ['alfa']);
    assert.match(rejects[0]!.reason, /truncated/);
  });
});

describe('sensors', () => {
  test('list carries live counters from the ingest stats', async () => {
    const sensors = (await getAs(f, 'victor', '/api/v1/sensors')).json<{ sensors: { name: string; live: unknown }[] }>().sensors;
    assert.deepEqual(sensors.map((s) => [s.name, s.live]), [['fw-alfa', { events: 7, rejects: 1, lastSeen: NOW - 60_000 }]]);
  });

  test('a token sensor gets its sender token once; only its hash is stored and it is never shown', async () => {
    const res = await sendAs(f, 'alice', 'POST', '/api/v1/sensors', { tenant: 'alfa', name: 'zeek-1', format: 'auto', match: { kind: 'token' } });
    assert.equal(res.statusCode, 201, res.body);
    const { token, sensor } = res.json<{ token: string; sensor: { match: unknown } }>();
    assert.match(token, /^vaern_/);
    assert.deepEqual(sensor.match, { kind: 'token' });
    const list = await getAs(f, 'alice', '/api/v1/sensors');
    assert.doesNotMatch(list.body, /tokenHash/);
    assert.ok(!list.body.includes(token));
    const dup = await sendAs(f, 'alice', 'POST', '/api/v1/sensors', { tenant: 'alfa', name: 'zeek-1', match: { kind: 'listener', listener: 'x' } });
    assert.equal(dup.statusCode, 409);
  });
});

describe('users and audit', () => {
  test('a tenant admin lists only users of their tenants, with only those grants, and no secrets', async () => {
    const res = await getAs(f, 'alice', '/api/v1/users');
    const users = res.json<{ users: { username: string; grants: { tenant: string }[] }[] }>().users;
    assert.ok(users.some((u) => u.username === 'both'));
    assert.ok(!users.some((u) => u.username === 'bravo-admin' || u.username === 'admin'));
    assert.ok(users.every((u) => u.grants.every((g) => g.tenant === 'alfa')));
    assert.doesNotMatch(res.body, /password|argon2/i);
  });

  test('a password reset takes effect; changes are audited in the tenant concerned', async () => {
    const created = await sendAs(f, 'alice', 'POST', '/api/v1/users', { username: 'dave', displayName: 'Dave', password: 'first long passphrase', grants: [{ tenant: 'alfa', role: 'viewer' }] });
    const id = created.json<{ user: { id: string } }>().user.id;
    const patched = await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${id}`, { password: 'second long passphrase', disabled: false });
    assert.equal(patched.statusCode, 200);
    assert.equal((await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dave', password: 'second long passphrase' } })).statusCode, 200);
    assert.equal((await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${id}`, { password: 'short' })).statusCode, 400);
    assert.equal((await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${f.ids.get('alice')}`, { disabled: true })).statusCode, 403);
    const audit = await f.state.audit.list({ kind: 'tenants', tenants: ['alfa'] }, { from: 0, to: NOW + 1, limit: 1000 });
    const update = audit.find((e) => e.action === 'user.update' && e.target === id);
    assert.ok(update);
    assert.deepEqual(update.detail?.['changed'], ['disabled', 'password']);
    assert.doesNotMatch(JSON.stringify(audit), /passphrase/);
  });

  test('GET /audit shows the entries of the caller’s tenants', async () => {
    const res = await getAs(f, 'alice', `/api/v1/audit?from=${NOW - 48 * HOUR}&to=${NOW + 1}`);
    const entries = res.json<{ entries: { tenant: string }[] }>().entries;
    assert.ok(entries.length > 0);
    assert.ok(entries.every((e) => e.tenant === 'alfa'));
  });
});

describe('/metrics', () => {
  test('Prometheus text: totals, listeners and process for the centre; only own sensors for a tenant', async () => {
    const centre = await getAs(f, 'admin', '/metrics');
    assert.equal(centre.statusCode, 200);
    assert.match(String(centre.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    for (const line of [
      'vaern_events_received_total 11',
      'vaern_events_decoded_total 9',
      'vaern_events_rejected_total 2',
      'vaern_events_stored_total 9',
      'vaern_queue_depth 0',
      'vaern_listener_frames_total{listener="syslog-udp",protocol="udp"} 100',
      'vaern_listener_bytes_total{listener="syslog-udp",protocol="udp"} 12345',
      'vaern_listener_frames_oversized_total{listener="syslog-udp",protocol="udp"} 1',
      'vaern_listener_framing_errors_total{listener="syslog-udp",protocol="udp"} 2',
      'vaern_listener_connections{listener="syslog-udp",protocol="udp"} 0',
      'vaern_listener_socket_drops_total{listener="syslog-udp",protocol="udp"} 3',
      'vaern_sensor_events_total{tenant="alfa",sensor="fw-alfa"} 7',
      'vaern_sensor_events_total{tenant="bravo",sensor="fw-bravo"} 2',
      `vaern_sensor_last_seen_seconds{tenant="alfa",sensor="fw-alfa"} ${(NOW - 60_000) / 1000}`,
    ]) {
      assert.ok(centre.body.split('\n').includes(line), `missing: ${line}`);
    }
    assert.match(centre.body, /^vaern_process_cpu_seconds_total /m);
    const tenant = await getAs(f, 'victor', '/metrics');
    assert.ok(tenant.body.includes('vaern_sensor_events_total{tenant="alfa",sensor="fw-alfa"} 7'));
    assert.doesNotMatch(tenant.body, /bravo|vaern_events_decoded_total|vaern_listener_|vaern_process_/);
  });
});

describe('errors and the web console', () => {
  let web: App;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vaern-web-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Vaern</title>');
    await writeFile(join(dir, 'app.js'), 'console.log(1)');
    web = await buildApp({ config: VaernConfig.parse({}), state: f.state, events: f.events, stats: ingestStats, logger: false, now: () => NOW, webRoot: dir });
  });
  after(async () => {
    await web.close();
    await rm(dir, { recursive: true });
  });

  test('serves the console publicly, with index.html for client-side routes', async () => {
    const root = await web.inject({ method: 'GET', url: '/' });
    assert.equal(root.statusCode, 200);
    assert.match(root.body, /<title>Vaern/);
    assert.equal((await web.inject({ method: 'GET', url: '/app.js' })).body, 'console.log(1)');
    const deep = await web.inject({ method: 'GET', url: '/hunt/events?x=1' });
    assert.equal(deep.statusCode, 200);
    assert.match(String(deep.headers['content-type']), /^text\/html/);
    assert.equal(deep.headers['x-frame-options'], 'DENY');
  });

  test('unknown API paths are JSON 404s, never index.html, and the API stays protected', async () => {
    const res = await web.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(code(res), 'VAERN_ERR_NOT_FOUND');
    assert.equal((await web.inject({ method: 'GET', url: '/api/v1/tenants' })).statusCode, 401);
    // The router decodes `%61` to `a`, so the gate must go by the matched route, not the raw URL.
    assert.equal((await web.inject({ method: 'GET', url: '/%61pi/v1/tenants' })).statusCode, 401);
  });

  test('API responses are not cacheable and carry a restrictive CSP', async () => {
    const res = await getAs(f, 'alice', '/api/v1/tenants');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  test('health is public and reports version and uptime', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.deepEqual(res.json(), { status: 'ok', version: '0.1.0', uptimeSeconds: 0 });
  });
});

describe('GET /api/v1/stream', () => {
  /** Open the stream over a real socket and read frames as they come. */
  async function subscribe(url: string, cookie: string): Promise<{ res: IncomingMessage; next: (pred: (frame: string) => boolean) => Promise<string[]> }> {
    const res = await new Promise<IncomingMessage>((resolve, reject) => get(`${url}/api/v1/stream`, { headers: { cookie } }, resolve).on('error', reject));
    res.setEncoding('utf8');
    let buffer = '';
    const frames: string[] = [];
    let waiter: (() => void) | undefined;
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        frames.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      waiter?.();
    });
    /** Resolve with every frame received up to and including the first that matches. */
    const next = async (pred: (frame: string) => boolean): Promise<string[]> => {
      for (;;) {
        const i = frames.findIndex(pred);
        if (i >= 0) return frames.splice(0, i + 1);
        await new Promise<void>((r) => (waiter = r));
      }
    };
    return { res, next };
  }

  test('delivers emitted events only to subscribers whose scope includes the tenant', async () => {
    const address = await f.app.listen({ host: '127.0.0.1', port: 0 });
    const alfa = await subscribe(address, await f.cookie('alice'));
    const centre = await subscribe(address, await f.cookie('admin'));
    try {
      assert.equal(alfa.res.statusCode, 200);
      assert.match(String(alfa.res.headers['content-type']), /^text\/event-stream/);
      const ready = await alfa.next((fr) => fr.startsWith('event: ready'));
      assert.doesNotMatch(ready.join('\n'), /bravo/);
      await centre.next((fr) => fr.startsWith('event: ready'));

      assert.equal(f.app.emit('bravo', 'alert', { title: 'bravo secret' }), 1);
      assert.equal(f.app.emit('alfa', 'alert', { title: 'alfa alert' }), 2);
      const seen = await alfa.next((fr) => fr.includes('alfa alert'));
      assert.ok(!seen.some((fr) => fr.includes('bravo')), 'bravo event reached an alfa subscriber');
      assert.equal(seen.at(-1), `event: alert\ndata: ${JSON.stringify({ tenant: 'alfa', data: { title: 'alfa alert' } })}`);
      const centreSeen = await centre.next((fr) => fr.includes('alfa alert'));
      assert.ok(centreSeen.some((fr) => fr.includes('bravo secret')));
    } finally {
      alfa.res.destroy();
      centre.res.destroy();
    }
  });

  test('refuses anonymous subscribers', async () => {
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/stream' })).statusCode, 401);
  });
});
