import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { ALL_TENANTS } from '../../src/model/tenant.ts';
import { BRAVO_MARKERS, getAs, openFixture, sendAs, WINDOW, type Fixture, type SeedUser } from './fixture.ts';

/**
 * Access control, driven by the route table: the OpenAPI document lists every route the app
 * serves, so a new route is covered by these tests the moment it is added.
 */
let f: Fixture;
let routes: { method: string; path: string; isPublic: boolean }[];

/** Routes whose response never ends (server-sent events); covered in stream.test.ts. */
const STREAMING = new Set(['GET /api/v1/stream']);

before(async () => {
  f = await openFixture();
  const doc = (await f.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>();
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, isPublic: Array.isArray(op.security) && op.security.length === 0 })),
  );
  assert.ok(routes.length >= 25, 'route table looks incomplete');
});
after(() => f.close());

const fill = (path: string, id = 'some-id'): string => path.replace(/\{[^}]+\}/g, id);

function leaks(res: LightMyRequestResponse): string[] {
  const body = res.body.toLowerCase();
  return BRAVO_MARKERS.filter((m) => body.includes(m));
}

describe('authentication', () => {
  test('every route except health, openapi, login and logout answers 401 without credentials', async () => {
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(publicRoutes.sort(), ['GET /api/v1/health', 'GET /api/v1/openapi.json', 'POST /api/v1/auth/login', 'POST /api/v1/auth/logout'].sort());
    for (const r of routes.filter((x) => !x.isPublic)) {
      const res = await f.app.inject({ method: r.method as 'GET', url: fill(r.path), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      assert.equal(res.statusCode, 401, `${r.method} ${r.path}`);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'VAERN_ERR_UNAUTHENTICATED');
    }
  });

  test('a forged session cookie or unknown token is refused', async () => {
    for (const r of routes.filter((x) => !x.isPublic && x.method === 'GET' && !STREAMING.has(`${x.method} ${x.path}`))) {
      const cookie = await f.app.inject({ method: 'GET', url: fill(r.path), headers: { cookie: 'vaern_session=forged' } });
      assert.equal(cookie.statusCode, 401, r.path);
      const bearer = await f.app.inject({ method: 'GET', url: fill(r.path), headers: { authorization: 'Bearer vaern_forged' } });
      assert.equal(bearer.statusCode, 401, r.path);
    }
  });
});

describe('tenant isolation', () => {
  // Every GET route as users of tenant alfa, as they are and asking for bravo: nothing of bravo's.
  for (const user of ['alice', 'anna', 'victor'] as const satisfies SeedUser[]) {
    test(`${user} (alfa) sees nothing of bravo on any GET route`, async () => {
      for (const r of routes.filter((x) => x.method === 'GET' && !STREAMING.has(`GET ${x.path}`))) {
        const plain = await getAs(f, user, `${fill(r.path)}?${WINDOW}`);
        // A made-up id in a path is not found; everything else answers or refuses.
        const expected = r.path.includes('{') ? [200, 403, 404] : [200, 403];
        assert.ok(expected.includes(plain.statusCode), `${r.path}: ${plain.statusCode} ${plain.body}`);
        assert.deepEqual(leaks(plain), [], `${r.path} leaks bravo to ${user}`);
        const asked = await getAs(f, user, `${fill(r.path)}?${WINDOW}&tenant=bravo`);
        if (!r.isPublic) assert.equal(asked.statusCode, 403, `${r.path}?tenant=bravo for ${user}: ${asked.statusCode}`);
        assert.deepEqual(leaks(asked), [], `${r.path}?tenant=bravo leaks to ${user}`);
      }
    });
  }

  test('an API token of an alfa user sees nothing of bravo either', async () => {
    const created = await sendAs(f, 'alice', 'POST', '/api/v1/tokens', { name: 'isolation' });
    assert.equal(created.statusCode, 201);
    const token = created.json<{ token: string }>().token;
    for (const r of routes.filter((x) => x.method === 'GET' && !STREAMING.has(`GET ${x.path}`))) {
      const res = await f.app.inject({ method: 'GET', url: `${fill(r.path)}?${WINDOW}`, headers: { authorization: `Bearer ${token}` } });
      assert.deepEqual(leaks(res), [], `${r.path} leaks bravo to a token`);
    }
  });

  test('the seed is not vacuous: a centre admin does see bravo on the data routes', async () => {
    for (const path of ['/api/v1/events', '/api/v1/events.csv', '/api/v1/rejects', '/api/v1/tenants', '/api/v1/sensors', '/api/v1/users', '/api/v1/audit', '/api/v1/alerts', '/api/v1/alerts/summary', '/api/v1/suppressions', '/metrics']) {
      const res = await getAs(f, 'admin', `${path}?${WINDOW}`);
      assert.equal(res.statusCode, 200, path);
      assert.notDeepEqual(leaks(res), [], `${path} shows no bravo data even to the centre`);
    }
  });

  test('a user in both tenants can narrow to one with ?tenant=', async () => {
    const both = await getAs(f, 'both', `/api/v1/tenants`);
    assert.deepEqual(both.json<{ tenants: { id: string }[] }>().tenants.map((t) => t.id).sort(), ['alfa', 'bravo']);
    const narrowed = await getAs(f, 'both', `/api/v1/tenants?tenant=alfa`);
    assert.deepEqual(narrowed.json<{ tenants: { id: string }[] }>().tenants.map((t) => t.id), ['alfa']);
    // 'both' is only a viewer in bravo: raw events there need analyst, so bravo is outside its event scope.
    const events = await getAs(f, 'both', `/api/v1/events?${WINDOW}`);
    assert.equal(events.statusCode, 200);
    assert.deepEqual(leaks(events), []);
    assert.equal((await getAs(f, 'both', `/api/v1/events?${WINDOW}&tenant=bravo`)).statusCode, 403);
  });
});

describe('roles', () => {
  test('a viewer cannot add sensors, read raw events, rejects, users or the audit log', async () => {
    const res = await sendAs(f, 'victor', 'POST', '/api/v1/sensors', { tenant: 'alfa', name: 'fw-new', match: { kind: 'listener', listener: 'syslog-udp' } });
    assert.equal(res.statusCode, 403);
    for (const path of ['/api/v1/events', '/api/v1/events.csv', '/api/v1/rejects', '/api/v1/users', '/api/v1/audit']) {
      assert.equal((await getAs(f, 'victor', `${path}?${WINDOW}`)).statusCode, 403, path);
    }
    assert.equal((await getAs(f, 'victor', `/api/v1/stats/breach-attempts?${WINDOW}`)).statusCode, 200);
  });

  test('an analyst reads events but cannot manage users or sensors', async () => {
    assert.equal((await getAs(f, 'anna', `/api/v1/events?${WINDOW}`)).statusCode, 200);
    assert.equal((await getAs(f, 'anna', '/api/v1/users')).statusCode, 403);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/sensors', { tenant: 'alfa', name: 'x', match: { kind: 'listener', listener: 'l' } })).statusCode, 403);
  });

  test('a tenant admin manages sensors only in their own tenant', async () => {
    const other = await sendAs(f, 'alice', 'POST', '/api/v1/sensors', { tenant: 'bravo', name: 'fw-evil', match: { kind: 'listener', listener: 'l' } });
    assert.equal(other.statusCode, 403);
    const own = await sendAs(f, 'alice', 'POST', '/api/v1/sensors', { tenant: 'alfa', name: 'fw-new', match: { kind: 'address', cidr: '10.1.9.0/24' } });
    assert.equal(own.statusCode, 201, own.body);
    const bravoSensor = (await f.state.sensors.list(ALL_TENANTS)).find((s) => s.tenant === 'bravo')!;
    assert.equal((await sendAs(f, 'alice', 'DELETE', `/api/v1/sensors/${bravoSensor.id}`)).statusCode, 404);
    assert.ok((await f.state.sensors.list(ALL_TENANTS)).some((s) => s.id === bravoSensor.id), 'bravo sensor survived');
    const mine = own.json<{ sensor: { id: string } }>().sensor.id;
    assert.equal((await sendAs(f, 'alice', 'DELETE', `/api/v1/sensors/${mine}`)).statusCode, 204);
  });

  test('a tenant admin cannot grant * or roles in other tenants, nor create tenants', async () => {
    const base = { displayName: 'New', password: 'a long enough passphrase', locale: 'da' };
    const star = await sendAs(f, 'alice', 'POST', '/api/v1/users', { ...base, username: 'mallory', grants: [{ tenant: '*', role: 'viewer' }] });
    assert.equal(star.statusCode, 403);
    const other = await sendAs(f, 'alice', 'POST', '/api/v1/users', { ...base, username: 'mallory', grants: [{ tenant: 'bravo', role: 'viewer' }] });
    assert.equal(other.statusCode, 403);
    const ok = await sendAs(f, 'alice', 'POST', '/api/v1/users', { ...base, username: 'carol', grants: [{ tenant: 'alfa', role: 'viewer' }] });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json<{ user: Record<string, unknown> }>().user['passwordHash'], undefined);
    const escalate = await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${f.ids.get('victor')}`, { grants: [{ tenant: '*', role: 'admin' }] });
    assert.equal(escalate.statusCode, 403);
    assert.equal((await sendAs(f, 'alice', 'POST', '/api/v1/tenants', { id: 'charlie', name: 'Charlie' })).statusCode, 403);
    assert.equal((await sendAs(f, 'alice', 'PATCH', '/api/v1/tenants/alfa', { name: 'Renamed' })).statusCode, 403);
  });

  test('a tenant admin cannot touch users of other tenants, nor take over a user who holds more', async () => {
    assert.equal((await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${f.ids.get('bravo-admin')}`, { disabled: true })).statusCode, 404);
    // 'both' also holds a bravo grant: alice may change its alfa grant but not its password.
    const pw = await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${f.ids.get('both')}`, { password: 'another long passphrase' });
    assert.equal(pw.statusCode, 403);
    const grants = await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${f.ids.get('both')}`, { grants: [{ tenant: 'alfa', role: 'viewer' }] });
    assert.equal(grants.statusCode, 200, grants.body);
    assert.deepEqual(leaks(grants), []);
    const stored = await f.state.users.byId(f.ids.get('both')!);
    assert.deepEqual([...stored!.grants].sort((a, b) => a.tenant.localeCompare(b.tenant)), [
      { tenant: 'alfa', role: 'viewer' },
      { tenant: 'bravo', role: 'viewer' },
    ]);
  });

  test('only a centre admin creates and changes tenants', async () => {
    const created = await sendAs(f, 'admin', 'POST', '/api/v1/tenants', { id: 'charlie', name: 'Charlie Kommune', country: 'NO', networks: ['10.3.0.0/16'] });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await sendAs(f, 'admin', 'POST', '/api/v1/tenants', { id: 'charlie', name: 'Again' })).statusCode, 409);
    const patched = await sendAs(f, 'admin', 'PATCH', '/api/v1/tenants/charlie', { name: 'Charlie' });
    assert.equal(patched.json<{ tenant: { name: string; networks: string[] } }>().tenant.name, 'Charlie');
    assert.deepEqual(patched.json<{ tenant: { networks: string[] } }>().tenant.networks, ['10.3.0.0/16']);
    assert.equal((await sendAs(f, 'admin', 'PATCH', '/api/v1/tenants/nowhere', { name: 'x' })).statusCode, 404);
    assert.equal((await sendAs(f, 'admin', 'POST', '/api/v1/tenants', { id: 'bad', name: 'x', networks: ['not-a-cidr'] })).statusCode, 400);
    // A centre analyst is centre-wide but not an admin.
    assert.equal((await sendAs(f, 'centre', 'POST', '/api/v1/tenants', { id: 'delta', name: 'Delta' })).statusCode, 403);
  });
});
