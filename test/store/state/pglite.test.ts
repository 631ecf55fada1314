import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { ALL_TENANTS, scopeOf } from '../../../src/model/tenant.ts';
import type { StateStore } from '../../../src/store/state/state-store.ts';
import type { Database } from '../../../src/store/state/schema.ts';
import { kyselyStateStore } from '../../../src/store/state/kysely-state-store.ts';
import { migrateToEmpty, migrateToLatest } from '../../../src/store/state/migrations/index.ts';
import { openPgliteStateStore } from '../../../src/store/state/pglite.ts';
import { StateConstraintError } from '../../../src/store/state/errors.ts';

// One in-memory PGlite for the whole file: creating one costs seconds.
let db: Kysely<Database>;
let store: StateStore;
const A = scopeOf(['aby']);
const B = scopeOf(['bby']);
const NONE = scopeOf([]);

before(async () => {
  db = new Kysely<Database>({ dialect: new PGliteDialect(await PGlite.create()) });
  store = await kyselyStateStore(db);
  await store.tenants.upsert({ id: 'aby', name: 'Aby Kommune', country: 'DK', networks: ['10.1.0.0/16'] });
  await store.tenants.upsert({ id: 'bby', name: 'Bby Kommune', country: 'NO', networks: [] });
});
after(() => store.close());

async function rejectsWith(p: Promise<unknown>, kind: StateConstraintError['kind'], message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StateConstraintError, `expected StateConstraintError, got ${String(err)}`);
    assert.equal(err.kind, kind);
    assert.match(err.message, message);
    return true;
  });
}

test('tenants: upsert creates then updates, keeping createdAt', async () => {
  const first = await store.tenants.upsert({ id: 'cby', name: 'C', country: 'DK', networks: ['192.0.2.0/24'] });
  const second = await store.tenants.upsert({ id: 'cby', name: 'C Kommune', country: 'DK', networks: [] });
  assert.equal(second.name, 'C Kommune');
  assert.deepEqual(second.networks, []);
  assert.equal(second.createdAt, first.createdAt);
  assert.deepEqual(await store.tenants.get(ALL_TENANTS, 'cby'), second);
});

test('tenants: a scope sees only its own tenants', async () => {
  assert.deepEqual((await store.tenants.list(A)).map((t) => t.id), ['aby']);
  assert.deepEqual((await store.tenants.list(NONE)).map((t) => t.id), []);
  assert.equal(await store.tenants.get(A, 'bby'), undefined);
  assert.deepEqual((await store.tenants.get(A, 'aby'))?.networks, ['10.1.0.0/16']);
  assert.ok((await store.tenants.list(ALL_TENANTS)).length >= 2);
});

test('users: create, read with secret, update, count', async () => {
  const before = await store.users.count();
  const u = await store.users.create({
    username: 'anna',
    displayName: 'Anna A',
    passwordHash: 'h1',
    locale: 'da',
    grants: [{ tenant: 'aby', role: 'admin' }],
  });
  assert.equal(await store.users.count(), before + 1);
  assert.deepEqual(await store.users.byId(u.id), u);
  await store.users.setPassword(u.id, 'h2');
  await store.users.setLocale(u.id, 'en');
  await store.users.setDisabled(u.id, true);
  await store.users.setGrants(u.id, [
    { tenant: 'aby', role: 'viewer' },
    { tenant: '*', role: 'analyst' },
  ]);
  const secret = await store.users.byUsernameWithSecret('anna');
  assert.equal(secret?.passwordHash, 'h2');
  assert.equal(secret?.locale, 'en');
  assert.equal(secret?.disabled, true);
  assert.deepEqual(secret?.grants, [
    { tenant: '*', role: 'analyst' },
    { tenant: 'aby', role: 'viewer' },
  ]);
  assert.equal('passwordHash' in ((await store.users.byId(u.id)) ?? {}), false);
  assert.equal(await store.users.byUsernameWithSecret('nobody'), undefined);
});

test('users: duplicate username is a clear error and leaves no half-created user', async () => {
  await store.users.create({ username: 'dup', displayName: 'D', passwordHash: 'h', locale: 'da', grants: [] });
  const count = await store.users.count();
  await rejectsWith(
    store.users.create({ username: 'dup', displayName: 'D2', passwordHash: 'h', locale: 'da', grants: [{ tenant: 'aby', role: 'viewer' }] }),
    'duplicate',
    /username already exists/,
  );
  assert.equal(await store.users.count(), count);
});

test('users: a scope lists users with a grant in it, and only its grants', async () => {
  await store.users.create({ username: 'bo', displayName: 'Bo', passwordHash: 'h', locale: 'nb', grants: [{ tenant: 'bby', role: 'analyst' }] });
  await store.users.create({
    username: 'both',
    displayName: 'Both',
    passwordHash: 'h',
    locale: 'en',
    grants: [
      { tenant: 'aby', role: 'analyst' },
      { tenant: 'bby', role: 'admin' },
    ],
  });
  await store.users.create({ username: 'centre', displayName: 'C', passwordHash: 'h', locale: 'da', grants: [{ tenant: '*', role: 'admin' }] });
  const inB = await store.users.list(B);
  assert.deepEqual(
    inB.map((u) => u.username),
    ['bo', 'both'],
  );
  for (const u of inB) assert.ok(u.grants.every((g) => g.tenant === 'bby'), `${u.username} leaks grants outside B`);
  assert.ok(!(await store.users.list(A)).some((u) => u.username === 'bo'));
  assert.deepEqual(await store.users.list(NONE), []);
  const all = await store.users.list(ALL_TENANTS);
  assert.ok(all.some((u) => u.username === 'centre'));
  assert.equal(all.find((u) => u.username === 'both')?.grants.length, 2);
});

test('sessions: live until expiry, then swept', async () => {
  const u = await store.users.create({ username: 'sess', displayName: 'S', passwordHash: 'h', locale: 'da', grants: [] });
  await store.sessions.create('hash-live', u.id, 2_000);
  await store.sessions.create('hash-old', u.id, 1_000);
  assert.equal((await store.sessions.get('hash-live', 1_500))?.userId, u.id);
  assert.equal(await store.sessions.get('hash-old', 1_500), undefined);
  assert.equal(await store.sessions.deleteExpired(1_500), 1);
  await store.sessions.delete('hash-live');
  assert.equal(await store.sessions.get('hash-live', 0), undefined);
  await rejectsWith(store.sessions.create('hash-x', 'no-such-user', 1), 'missing-reference', /no such user/);
});

test('tokens: lookup by hash honours expiry and revocation; touch records use', async () => {
  const u = await store.users.create({ username: 'tok', displayName: 'T', passwordHash: 'h', locale: 'da', grants: [] });
  const t = await store.tokens.create({ name: 'ci', userId: u.id, tokenHash: 'th1', grants: [{ tenant: 'aby', role: 'viewer' }], expiresAt: 5_000 });
  const forever = await store.tokens.create({ name: 'siem', userId: u.id, tokenHash: 'th2', grants: [], expiresAt: null });
  assert.deepEqual(t.grants, [{ tenant: 'aby', role: 'viewer' }]);
  assert.equal(t.lastUsedAt, null);
  assert.equal((await store.tokens.byHash('th1', 4_999))?.id, t.id);
  assert.equal(await store.tokens.byHash('th1', 5_000), undefined);
  assert.equal((await store.tokens.byHash('th2', Number.MAX_SAFE_INTEGER))?.id, forever.id);
  await store.tokens.touch(t.id, 4_242);
  assert.equal((await store.tokens.byHash('th1', 0))?.lastUsedAt, 4_242);
  await store.tokens.revoke(forever.id);
  assert.equal(await store.tokens.byHash('th2', 0), undefined);
  assert.deepEqual(
    (await store.tokens.listForUser(u.id)).map((x) => x.name),
    ['ci'],
  );
  await rejectsWith(store.tokens.create({ name: 'again', userId: u.id, tokenHash: 'th1', grants: [], expiresAt: null }), 'duplicate', /token/);
});

test('sensors: create, scoped list and delete, unique per tenant', async () => {
  const s = await store.sensors.create({ tenant: 'aby', name: 'fw-1', format: 'filterlog', match: { kind: 'address', cidr: '10.1.0.1/32' } });
  await store.sensors.create({ tenant: 'bby', name: 'fw-1', format: 'auto', match: { kind: 'listener', listener: 'syslog-udp' } });
  assert.deepEqual(await store.sensors.list(A), [s]);
  assert.deepEqual(
    (await store.sensors.list(B)).map((x) => x.tenant),
    ['bby'],
  );
  assert.equal((await store.sensors.list(ALL_TENANTS)).length, 2);
  await rejectsWith(store.sensors.create({ tenant: 'aby', name: 'fw-1', format: 'auto', match: { kind: 'token', tokenHash: 'x' } }), 'duplicate', /sensor with this name/);
  await rejectsWith(store.sensors.create({ tenant: 'nowhere', name: 'fw', format: 'auto', match: { kind: 'token', tokenHash: 'x' } }), 'missing-reference', /no such tenant/);
  assert.equal(await store.sensors.delete(B, s.id), false, 'B must not delete A’s sensor');
  assert.equal(await store.sensors.delete(A, s.id), true);
  assert.deepEqual(await store.sensors.list(A), []);
});

test('audit: append, scoped newest-first list, append-only', async () => {
  await store.audit.append({ at: 100, tenant: 'aby', actor: 'anna', action: 'sensor.create', target: 'fw-1', detail: { format: 'filterlog' }, ip: '10.1.0.9' });
  await store.audit.append({ at: 200, tenant: 'bby', actor: 'bo', action: 'user.login' });
  await store.audit.append({ at: 300, tenant: '*', actor: 'centre', action: 'tenant.create', target: 'cby' });
  await store.audit.append({ at: 300, tenant: 'aby', actor: 'anna', action: 'user.logout' });
  const q = { from: 0, to: 1_000, limit: 10 };
  assert.deepEqual(await store.audit.list(A, q), [
    { at: 300, tenant: 'aby', actor: 'anna', action: 'user.logout' },
    { at: 100, tenant: 'aby', actor: 'anna', action: 'sensor.create', target: 'fw-1', detail: { format: 'filterlog' }, ip: '10.1.0.9' },
  ]);
  assert.deepEqual(
    (await store.audit.list(B, q)).map((e) => e.actor),
    ['bo'],
  );
  assert.deepEqual(
    (await store.audit.list(ALL_TENANTS, q)).map((e) => e.action),
    ['user.logout', 'tenant.create', 'user.login', 'sensor.create'],
  );
  assert.equal((await store.audit.list(ALL_TENANTS, { from: 150, to: 300, limit: 10 })).length, 1);
  assert.equal((await store.audit.list(ALL_TENANTS, { ...q, limit: 1 })).length, 1);
  await assert.rejects(sql`delete from audit_log`.execute(db), /append-only/);
  await assert.rejects(sql`update audit_log set actor = 'x'`.execute(db), /append-only/);
});

test('migrations: down to empty and up again', async () => {
  const dbu = db as unknown as Kysely<unknown>;
  await migrateToEmpty(dbu);
  const tables = await db.introspection.getTables();
  assert.deepEqual(
    tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_')),
    [],
  );
  await migrateToLatest(dbu);
  assert.deepEqual(await store.tenants.list(ALL_TENANTS), []);
  assert.equal(await store.users.count(), 0);
});

test('file-backed store keeps its data across reopen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vaern-state-'));
  try {
    const first = await openPgliteStateStore({ dataDir: join(dir, 'state') });
    await first.tenants.upsert({ id: 'keep', name: 'Keep', country: 'DK', networks: [] });
    await first.close();
    const second = await openPgliteStateStore({ dataDir: join(dir, 'state') });
    assert.deepEqual(
      (await second.tenants.list(ALL_TENANTS)).map((t) => t.id),
      ['keep'],
    );
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
