import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TENANTS } from '../../src/model/tenant.ts';
import { BRAVO_MARKERS, getAs, HOUR, login, NOW, openFixture, PASSWORD, sendAs, sessionCookie, type Fixture } from './fixture.ts';

/**
 * What the console's Administration and suppression screens rely on: editing users ends the
 * sessions a new password or a disabled account must end, tenant edits are audited with what they
 * replaced, and the suppression history (expired rules too) stays inside the caller's tenants.
 */
let f: Fixture;
before(async () => {
  f = await openFixture();
});
after(() => f.close());

const me = (cookie: string) => f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

async function createUser(username: string, tenant = 'alfa'): Promise<string> {
  const res = await sendAs(f, 'alice', 'POST', '/api/v1/users', { username, displayName: username, password: PASSWORD, grants: [{ tenant, role: 'viewer' }] });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ user: { id: string } }>().user.id;
}

async function signIn(username: string, ip: string): Promise<string> {
  const res = await login(f.app, username, PASSWORD, ip);
  assert.equal(res.statusCode, 200, res.body);
  return sessionCookie(res);
}

async function auditOf(target: string, action: string) {
  const entries = await f.state.audit.list(ALL_TENANTS, { from: 0, to: NOW + 1, limit: 1000 });
  return entries.filter((e) => e.target === target && e.action === action);
}

describe('editing users ends sessions', () => {
  test('a password reset signs the user out everywhere; the audit entry says how many sessions ended', async () => {
    const id = await createUser('erin');
    const [laptop, phone] = [await signIn('erin', '192.0.2.21'), await signIn('erin', '192.0.2.22')];
    assert.equal((await me(laptop)).statusCode, 200);
    const res = await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${id}`, { password: 'a brand new passphrase' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await me(laptop)).statusCode, 401);
    assert.equal((await me(phone)).statusCode, 401);
    const [entry] = await auditOf(id, 'user.update');
    assert.equal(entry?.tenant, 'alfa');
    assert.equal(entry?.actor, 'alice');
    assert.deepEqual(entry?.detail?.['changed'], ['password']);
    assert.equal(entry?.detail?.['sessionsEnded'], 2);
    assert.doesNotMatch(JSON.stringify(entry), /passphrase/);
  });

  test('disabling ends sessions; enabling again does not bring them back; a grant change keeps them', async () => {
    const id = await createUser('frank');
    const old = await signIn('frank', '192.0.2.23');
    assert.equal((await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${id}`, { grants: [{ tenant: 'alfa', role: 'analyst' }] })).statusCode, 200);
    assert.equal((await me(old)).statusCode, 200, 'a grant change takes effect on the next request, no sign-out needed');
    assert.equal((await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${id}`, { disabled: true })).statusCode, 200);
    assert.equal((await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${id}`, { disabled: false })).statusCode, 200);
    assert.equal((await me(old)).statusCode, 401);
    assert.equal((await me(await signIn('frank', '192.0.2.23'))).statusCode, 200);
    const changes = (await auditOf(id, 'user.update')).map((e) => [e.detail?.['changed'], e.detail?.['sessionsEnded']]);
    assert.deepEqual(changes.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [
      [['disabled'], 0],
      [['disabled'], 1],
      [['grants'], 0],
    ]);
  });

  test('resetting one\'s own password keeps the session doing it and ends the others', async () => {
    const other = await signIn('alice', '192.0.2.24');
    const res = await sendAs(f, 'alice', 'PATCH', `/api/v1/users/${f.ids.get('alice')}`, { password: 'alice has a new passphrase' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await me(await f.cookie('alice'))).statusCode, 200);
    assert.equal((await me(other)).statusCode, 401);
    assert.equal((await login(f.app, 'alice', 'alice has a new passphrase', '192.0.2.24')).statusCode, 200);
  });

  test('a grant edit from another tenant\'s admin is refused and ends nothing', async () => {
    const id = await createUser('gina');
    const cookie = await signIn('gina', '192.0.2.25');
    assert.equal((await sendAs(f, 'bravo-admin', 'PATCH', `/api/v1/users/${id}`, { password: 'taken over passphrase' })).statusCode, 404);
    assert.equal((await sendAs(f, 'bravo-admin', 'PATCH', `/api/v1/users/${id}`, { grants: [{ tenant: 'bravo', role: 'viewer' }] })).statusCode, 404);
    assert.equal((await me(cookie)).statusCode, 200);
    assert.deepEqual((await f.state.users.byId(id))?.grants, [{ tenant: 'alfa', role: 'viewer' }]);
  });

  test('a centre admin grants a centre-wide role and revokes a tenant role; audited in each tenant concerned', async () => {
    const id = await createUser('hugo');
    const res = await sendAs(f, 'admin', 'PATCH', `/api/v1/users/${id}`, { grants: [{ tenant: 'bravo', role: 'analyst' }, { tenant: '*', role: 'viewer' }] });
    assert.equal(res.statusCode, 200, res.body);
    const grants = res.json<{ user: { grants: { tenant: string; role: string }[] } }>().user.grants;
    assert.deepEqual(
      grants.map((g) => `${g.tenant}:${g.role}`).sort(),
      ['*:viewer', 'bravo:analyst'],
      'the alfa grant is revoked, bravo and centre-wide granted',
    );
    const tenants = (await auditOf(id, 'user.update')).map((e) => e.tenant).sort();
    assert.deepEqual(tenants, ['*', 'alfa', 'bravo']);
  });
});

describe('editing tenants', () => {
  test('a centre admin changes name, country and networks; the audit entry keeps the previous values', async () => {
    const res = await sendAs(f, 'admin', 'PATCH', '/api/v1/tenants/alfa', { name: 'Alfa Kommune (ny)', networks: ['10.1.0.0/16', '192.0.2.0/24'] });
    assert.equal(res.statusCode, 200, res.body);
    const tenant = res.json<{ tenant: { name: string; country: string; networks: string[] } }>().tenant;
    assert.deepEqual([tenant.name, tenant.country, tenant.networks], ['Alfa Kommune (ny)', 'DK', ['10.1.0.0/16', '192.0.2.0/24']]);
    const [entry] = await auditOf('alfa', 'tenant.update');
    assert.deepEqual(entry?.detail?.['previous'], { name: 'Alfa Kommune', networks: ['10.1.0.0/16'] });
    assert.equal(entry?.tenant, 'alfa');
    // Tenant admins see the change in their own audit log.
    const log = await getAs(f, 'alice', `/api/v1/audit?from=${NOW - HOUR}&to=${NOW + 1}`);
    assert.ok(log.json<{ entries: { action: string }[] }>().entries.some((e) => e.action === 'tenant.update'));
    assert.equal((await sendAs(f, 'admin', 'PATCH', '/api/v1/tenants/alfa', { country: 'SE' })).statusCode, 400);
    assert.equal((await sendAs(f, 'admin', 'PATCH', '/api/v1/tenants/alfa', { sectors: ['health'] })).statusCode, 400);
  });
});

describe('suppression history', () => {
  type Listed = { id: string; tenant: string; reason: string; active: boolean; removable: boolean; expiresAt: number };
  const list = async (user: 'anna' | 'victor' | 'admin' | 'alice', query = '') =>
    (await getAs(f, user, `/api/v1/suppressions${query}`)).json<{ suppressions: Listed[] }>().suppressions;

  before(async () => {
    await f.state.suppressions.create(
      { tenant: 'alfa', detector: 'brute-force', entity: '192.0.2.7', reason: 'alfa auditor, done', owner: 'anna', expiresAt: NOW - HOUR },
      NOW - 48 * HOUR,
    );
    await f.state.suppressions.create(
      { tenant: 'bravo', detector: null, entity: '203.0.113.98', reason: 'bravo old test', owner: 'bravo-admin', expiresAt: NOW - 2 * HOUR },
      NOW - 48 * HOUR,
    );
  });

  test('active rules by default; expired ones too with include=all, latest expiry first', async () => {
    const active = await list('anna');
    assert.ok(active.length > 0 && active.every((s) => s.active && s.tenant === 'alfa'));
    assert.ok(!active.some((s) => s.reason === 'alfa auditor, done'));
    const all = await list('anna', '?include=all');
    const expired = all.filter((s) => !s.active);
    assert.deepEqual(
      expired.map((s) => s.reason),
      ['alfa auditor, done'],
    );
    assert.deepEqual(
      all.map((s) => s.expiresAt),
      all.map((s) => s.expiresAt).sort((a, b) => b - a),
    );
  });

  test('the history never shows another tenant\'s rules, nor centre-wide ones to a tenant user', async () => {
    await sendAs(f, 'admin', 'POST', '/api/v1/suppressions', { tenant: '*', entity: '198.51.100.250', reason: 'centre rule', expiresAt: NOW + HOUR });
    for (const user of ['anna', 'victor', 'alice'] as const) {
      const res = await getAs(f, user, '/api/v1/suppressions?include=all');
      assert.equal(res.statusCode, 200);
      const body = res.body.toLowerCase();
      assert.deepEqual(BRAVO_MARKERS.filter((m) => body.includes(m)), [], `history leaks bravo to ${user}`);
      assert.doesNotMatch(res.body, /centre rule/);
      assert.equal((await getAs(f, user, '/api/v1/suppressions?include=all&tenant=bravo')).statusCode, 403);
    }
    const centre = await list('admin', '?include=all');
    assert.ok(centre.some((s) => s.reason === 'bravo old test' && !s.active));
    assert.ok(centre.some((s) => s.tenant === '*' && s.removable));
  });

  test('removable says who may remove: analysts of the tenant, not viewers', async () => {
    assert.ok((await list('anna', '?include=all')).every((s) => s.removable));
    assert.ok((await list('victor', '?include=all')).every((s) => !s.removable));
    const expired = (await list('anna', '?include=all')).find((s) => !s.active)!;
    assert.equal((await sendAs(f, 'victor', 'DELETE', `/api/v1/suppressions/${expired.id}`)).statusCode, 403);
    assert.equal((await sendAs(f, 'anna', 'DELETE', `/api/v1/suppressions/${expired.id}`)).statusCode, 204);
    assert.ok(!(await list('anna', '?include=all')).some((s) => s.id === expired.id));
    const [entry] = await auditOf(expired.id, 'suppression.delete');
    assert.equal(entry?.actor, 'anna');
    assert.equal((await getAs(f, 'anna', '/api/v1/suppressions?include=expired')).statusCode, 400);
  });
});
