import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VaernConfig } from '../../src/config/config.ts';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../../src/server/auth/routes.ts';
import { ensureAdmin } from '../../src/server/auth/bootstrap.ts';
import { sha256 } from '../../src/server/auth/secrets.ts';
import { buildApp } from '../../src/server/app.ts';
import type { StateStore, User } from '../../src/store/state/state-store.ts';
import { ADMIN_PASSWORD, getAs, ingestStats, login, NOW, openFixture, PASSWORD, sendAs, sessionCookie, WINDOW, type Fixture } from './fixture.ts';

let f: Fixture;
before(async () => {
  f = await openFixture();
});
after(() => f.close());

const code = (res: { json: <T>() => T }): string => res.json<{ error: { code: string } }>().error.code;

describe('sign-in', () => {
  test('success sets an httpOnly, SameSite=Strict session cookie and returns the user without secrets', async () => {
    const res = await login(f.app, 'alice', PASSWORD, '192.0.2.10');
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'vaern_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.secure, undefined, 'Secure is off unless configured');
    assert.equal(cookie.maxAge, 12 * 3600);
    assert.equal(Buffer.from(cookie.value, 'base64url').length, 32);
    const body = res.json<{ user: Record<string, unknown> }>();
    assert.equal(body.user['username'], 'alice');
    assert.equal(body.user['passwordHash'], undefined);
    assert.doesNotMatch(res.body, /argon2/);
    // Only the SHA-256 of the cookie is stored.
    assert.ok(await f.state.sessions.get(sha256(cookie.value), NOW));
    assert.equal(await f.state.sessions.get(cookie.value, NOW), undefined);
  });

  test('Secure is set when config.http.secureCookies is on', async () => {
    const config = VaernConfig.parse({ http: { secureCookies: true } });
    const app = await buildApp({ config, state: f.state, events: f.events, stats: ingestStats, logger: false, now: () => NOW });
    try {
      const res = await login(app, 'alice', PASSWORD, '192.0.2.11');
      assert.equal(res.cookies.find((c) => c.name === 'vaern_session')!.secure, true);
    } finally {
      await app.close();
    }
  });

  test('wrong password and unknown user get the same generic 401, and are audited', async () => {
    const wrong = await login(f.app, 'alice', 'not the password', '192.0.2.12');
    const unknown = await login(f.app, 'nobody', 'not the password', '192.0.2.12');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.body, unknown.body);
    assert.equal(code(wrong), 'VAERN_ERR_BAD_CREDENTIALS');
    assert.equal(wrong.cookies.length, 0);
    const audit = await f.state.audit.list({ kind: 'all' }, { from: 0, to: NOW + 1, limit: 100 });
    assert.ok(audit.some((e) => e.action === 'auth.login.failed' && e.actor === 'nobody' && e.ip === '192.0.2.12'));
  });

  test('a disabled user cannot sign in, and its sessions stop working', async () => {
    const cookie = await f.cookie('victor');
    assert.equal((await getAs(f, 'victor', '/api/v1/auth/me')).statusCode, 200);
    await f.state.users.setDisabled(f.ids.get('victor')!, true);
    try {
      assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 401);
      assert.equal((await login(f.app, 'victor', PASSWORD, '192.0.2.13')).statusCode, 401);
    } finally {
      await f.state.users.setDisabled(f.ids.get('victor')!, false);
    }
  });

  test(`is rate-limited to ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute per address and username`, async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) assert.equal((await login(f.app, 'target', 'guess', '192.0.2.50')).statusCode, 401);
    const limited = await login(f.app, 'target', 'guess', '192.0.2.50');
    assert.equal(limited.statusCode, 429);
    assert.equal(code(limited), 'VAERN_ERR_RATE_LIMITED');
    // Another username from the same address, and the same username elsewhere, are separate buckets.
    assert.equal((await login(f.app, 'someone-else', 'guess', '192.0.2.50')).statusCode, 401);
    assert.equal((await login(f.app, 'target', 'guess', '192.0.2.51')).statusCode, 401);
  });

  test('malformed bodies are 400 with details, and never echo the password', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: '', extra: 1 } });
    assert.equal(res.statusCode, 400);
    assert.equal(code(res), 'VAERN_ERR_VALIDATION');
    assert.ok(Array.isArray(res.json<{ error: { details: unknown[] } }>().error.details));
    const secret = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'p'.repeat(300) + 'SECRET' } });
    assert.equal(secret.statusCode, 400);
    assert.doesNotMatch(secret.body, /SECRET/);
  });

  test('logout ends the session and clears the cookie', async () => {
    const res = await login(f.app, 'anna', PASSWORD, '192.0.2.14');
    const cookie = sessionCookie(res);
    const out = await f.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    assert.equal(out.cookies.find((c) => c.name === 'vaern_session')?.value, '');
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 401);
    // Logging out without a session is harmless.
    assert.equal((await f.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 204);
  });
});

describe('me', () => {
  test('returns the user, grants and visible tenants; the locale can be changed', async () => {
    const me = await getAs(f, 'alice', '/api/v1/auth/me');
    const body = me.json<{ user: { username: string; grants: unknown[]; locale: string }; tenants: { id: string }[] }>();
    assert.equal(body.user.username, 'alice');
    assert.deepEqual(body.user.grants, [{ tenant: 'alfa', role: 'admin' }]);
    assert.deepEqual(body.tenants.map((t) => t.id), ['alfa']);
    const set = await sendAs(f, 'alice', 'PUT', '/api/v1/auth/me/locale', { locale: 'nb' });
    assert.equal(set.statusCode, 200);
    assert.equal((await getAs(f, 'alice', '/api/v1/auth/me')).json<{ user: { locale: string } }>().user.locale, 'nb');
    assert.equal((await sendAs(f, 'alice', 'PUT', '/api/v1/auth/me/locale', { locale: 'sv' })).statusCode, 400);
    const admin = (await getAs(f, 'admin', '/api/v1/auth/me')).json<{ tenants: { id: string }[] }>();
    assert.deepEqual(admin.tenants.map((t) => t.id).sort(), ['alfa', 'bravo']);
  });
});

describe('CSRF: JSON only for state changes', () => {
  test('form and text bodies are refused with 415 before anything else', async () => {
    const cookie = await f.cookie('alice');
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, 'content-type': type }, payload: 'name=evil' });
      assert.equal(res.statusCode, 415, type);
      assert.equal(code(res), 'VAERN_ERR_UNSUPPORTED_MEDIA_TYPE');
    }
    const form = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=alice&password=x' });
    assert.equal(form.statusCode, 415);
    const json = await f.app.inject({ method: 'PUT', url: '/api/v1/auth/me/locale', headers: { cookie, 'content-type': 'application/json; charset=utf-8' }, payload: '{"locale":"da"}' });
    assert.equal(json.statusCode, 200);
  });
});

describe('API tokens', () => {
  test('are returned once, stored hashed, work as Bearer, and can be revoked', async () => {
    const created = await sendAs(f, 'anna', 'POST', '/api/v1/tokens', { name: 'siem', expiresInDays: 30 });
    assert.equal(created.statusCode, 201);
    const { token, record } = created.json<{ token: string; record: { id: string; expiresAt: number } }>();
    assert.match(token, /^vaern_[A-Za-z0-9_-]{43}$/);
    assert.equal(record.expiresAt, NOW + 30 * 86_400_000);
    const list = await getAs(f, 'anna', '/api/v1/tokens');
    assert.ok(!list.body.includes(token.slice(6)), 'list shows the secret');
    assert.ok(await f.state.tokens.byHash(sha256(token), NOW));

    const bearer = { authorization: `Bearer ${token}` };
    const me = await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    assert.equal(me.json<{ user: { username: string } }>().user.username, 'anna');
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/v1/events?${WINDOW}`, headers: bearer })).statusCode, 200);

    // A token cannot manage tokens (a leak must not mint more).
    const mint = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer, payload: { name: 'more' } });
    assert.equal(mint.statusCode, 403);
    assert.equal(code(mint), 'VAERN_ERR_SESSION_REQUIRED');

    assert.equal((await sendAs(f, 'alice', 'DELETE', `/api/v1/tokens/${record.id}`)).statusCode, 404, 'someone else’s token');
    assert.equal((await sendAs(f, 'anna', 'DELETE', `/api/v1/tokens/${record.id}`)).statusCode, 204);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode, 401);
  });

  test('can be narrowed to fewer rights, never widened', async () => {
    const wider = await sendAs(f, 'anna', 'POST', '/api/v1/tokens', { name: 'x', grants: [{ tenant: 'alfa', role: 'admin' }] });
    assert.equal(wider.statusCode, 403);
    const elsewhere = await sendAs(f, 'anna', 'POST', '/api/v1/tokens', { name: 'x', grants: [{ tenant: 'bravo', role: 'viewer' }] });
    assert.equal(elsewhere.statusCode, 403);
    const narrow = await sendAs(f, 'anna', 'POST', '/api/v1/tokens', { name: 'dashboard', grants: [{ tenant: 'alfa', role: 'viewer' }] });
    assert.equal(narrow.statusCode, 201);
    const bearer = { authorization: `Bearer ${narrow.json<{ token: string }>().token}` };
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/v1/events?${WINDOW}`, headers: bearer })).statusCode, 403);
    assert.equal((await f.app.inject({ method: 'GET', url: `/api/v1/stats/breach-attempts?${WINDOW}`, headers: bearer })).statusCode, 200);
  });

  test('a malformed Authorization header is 401', async () => {
    for (const authorization of ['Basic YWxpY2U6eA==', 'Bearer', 'Bearer not-a-vaern-token']) {
      assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } })).statusCode, 401, authorization);
    }
  });
});

describe('audit of sign-in and changes', () => {
  test('sign-ins, token and user changes and event reads are recorded with actor and address', async () => {
    await getAs(f, 'anna', `/api/v1/events?${WINDOW}&port=22`);
    const entries = await f.state.audit.list({ kind: 'all' }, { from: 0, to: NOW + 1, limit: 1000 });
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['auth.login', 'auth.login.failed', 'auth.logout', 'token.create', 'token.revoke', 'events.read']) assert.ok(actions.has(a), a);
    const read = entries.find((e) => e.action === 'events.read' && e.actor === 'anna' && e.detail?.['destination.port'] === 22);
    assert.ok(read, 'event read with its filter');
    assert.equal(read.tenant, 'alfa');
  });
});

describe('ensureAdmin', () => {
  test('does nothing once users exist; the seeded admin signs in with the given password', async () => {
    assert.deepEqual(await ensureAdmin(f.state, { password: 'whatever long enough' }), { created: false });
    assert.equal((await login(f.app, 'admin', ADMIN_PASSWORD, '192.0.2.30')).statusCode, 200);
  });

  test('on an empty store creates admin with a generated password, or refuses a short one', async () => {
    const created: { username: string; grants: readonly unknown[]; passwordHash: string }[] = [];
    const empty = {
      users: {
        count: async () => created.length,
        create: async (u: { username: string; grants: readonly unknown[]; passwordHash: string }) => {
          created.push(u);
          return {} as User;
        },
      },
    } as unknown as StateStore;
    await assert.rejects(ensureAdmin(empty, { password: 'short' }), /VAERN_ADMIN_PASSWORD/);
    const result = await ensureAdmin(empty, {});
    assert.equal(result.created, true);
    assert.ok((result.generatedPassword ?? '').length >= 20);
    assert.equal(created[0]!.username, 'admin');
    assert.deepEqual(created[0]!.grants, [{ tenant: '*', role: 'admin' }]);
    assert.match(created[0]!.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
