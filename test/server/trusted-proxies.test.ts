import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { VaernConfig } from '../../src/config/config.ts';
import { ALL_TENANTS } from '../../src/model/tenant.ts';
import { buildApp } from '../../src/server/app.ts';
import { ensureAdmin } from '../../src/server/auth/bootstrap.ts';
import { openDuckDbEventStore } from '../../src/store/events/duckdb.ts';
import { openPgliteStateStore } from '../../src/store/state/pglite.ts';
import { ADMIN_PASSWORD, ingestStats } from './fixture.ts';

let state: Awaited<ReturnType<typeof openPgliteStateStore>>;
let events: Awaited<ReturnType<typeof openDuckDbEventStore>>;
before(async () => {
  state = await openPgliteStateStore();
  events = await openDuckDbEventStore();
  await ensureAdmin(state, { password: ADMIN_PASSWORD });
});
after(async () => {
  await events.close();
  await state.close();
});

/** The address the audit log records for a failed sign-in sent from `peer` claiming `forwardedFor`. */
async function auditedAddress(trustedProxies: string[], peer: string, forwardedFor: string): Promise<string | undefined> {
  const app = await buildApp({ config: VaernConfig.parse({ http: { trustedProxies } }), state, events, stats: ingestStats, logger: false });
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'wrong password' },
      remoteAddress: peer,
      headers: { 'x-forwarded-for': forwardedFor },
    });
    assert.equal(res.statusCode, 401);
    const entries = await state.audit.list(ALL_TENANTS, { from: 0, to: Date.now() + 1000, limit: 10 });
    // Newest first, so this is the sign-in just made.
    return entries.find((e) => e.action === 'auth.login.failed')?.ip;
  } finally {
    await app.close();
  }
}

test('without trusted proxies a forged X-Forwarded-For is ignored', async () => {
  assert.equal(await auditedAddress([], '192.0.2.10', '198.51.100.77'), '192.0.2.10');
});

test('a request through a trusted proxy is recorded with the client behind it', async () => {
  assert.equal(await auditedAddress(['192.0.2.0/24'], '192.0.2.10', '198.51.100.77'), '198.51.100.77');
});

test('a request from outside the trusted proxies keeps its own address', async () => {
  assert.equal(await auditedAddress(['192.0.2.0/24'], '203.0.113.5', '198.51.100.77'), '203.0.113.5');
});

test('a trusted proxy must be an address or CIDR block', () => {
  assert.throws(() => VaernConfig.parse({ http: { trustedProxies: ['proxy.example'] } }), /IP address or CIDR/);
  assert.throws(() => VaernConfig.parse({ http: { trustedProxies: ['10.0.0.0/33'] } }), /IP address or CIDR/);
  assert.doesNotThrow(() => VaernConfig.parse({ http: { trustedProxies: ['10.0.0.1', '2001:db8::/32'] } }));
});
