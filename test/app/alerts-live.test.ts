import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD as PASSWORD, signIn as signInAt, startTestVaern } from '../helpers/vaern.ts';
import type { VaernEvent } from '../../src/model/event.ts';
import { hashPassword } from '../../src/server/auth/password.ts';

const SCANNER = '198.51.100.77';

/** Denied inbound attempts from one outside address to `ports` ports of one alfa host, a second apart. */
function verticalScan(firstPort: number, ports: number, start: number): VaernEvent[] {
  return Array.from({ length: ports }, (_, i) => ({
    '@timestamp': start + i * 1000,
    'vaern.tenant': 'alfa',
    'vaern.sensor': 'fw-alfa',
    'event.action': 'denied',
    'network.direction': 'inbound',
    'network.transport': 'tcp',
    'source.ip': SCANNER,
    'source.port': 50_000 + i,
    'destination.ip': '10.1.0.10',
    'destination.port': firstPort + i,
  }));
}

/**
 * Detection live in the running server: a vertical port scan (more distinct ports in five minutes
 * than the default external threshold of 60) goes through the ingest pipeline; the alert is
 * stored, served to alfa's users and not to bravo's, and an analyst's close is audited. The scan
 * carrying on is the same episode (the alert id derives from its first event), so it reopens the
 * closed alert, marked as detection's doing.
 */
test('a port scan through the wired pipeline becomes an alert in the API, scoped and triaged', { timeout: 240_000 }, async () => {
  const t = await startTestVaern({
    tenants: [
      { id: 'alfa', name: 'Alfa Kommune', networks: ['10.1.0.0/16'] },
      { id: 'bravo', name: 'Bravo Kommune', country: 'NO', networks: ['10.2.0.0/16'] },
    ],
  });
  const { vaern, base } = t;
  try {
    const hash = await hashPassword(PASSWORD);
    await vaern.state.users.create({ username: 'anna', displayName: 'Anna', passwordHash: hash, locale: 'da', grants: [{ tenant: 'alfa', role: 'analyst' }] });
    await vaern.state.users.create({ username: 'bo', displayName: 'Bo', passwordHash: hash, locale: 'nb', grants: [{ tenant: 'bravo', role: 'admin' }] });
    const signIn = (username: string): Promise<string> => signInAt(base, username);
    const [anna, bo, admin] = [await signIn('anna'), await signIn('bo'), await signIn('admin')];
    type Alert = { id: string; tenant: string; detector: string; entity: string; status: string; severity: string; statusChangedBy: string | null };
    const alertsOf = async (cookie: string): Promise<Alert[]> => {
      const res = await fetch(`${base}/api/v1/alerts`, { headers: { cookie } });
      assert.equal(res.status, 200);
      return ((await res.json()) as { alerts: Alert[] }).alerts;
    };

    const start = Date.now() - 120_000;
    vaern.pipeline.acceptDecoded(verticalScan(1, 64, start), [], { tenant: 'alfa', sensor: 'fw-alfa' });
    await vaern.detection.flush();

    const seen = await alertsOf(anna);
    assert.equal(seen.length, 1, JSON.stringify(seen));
    const alert = seen[0]!;
    assert.deepEqual([alert.tenant, alert.detector, alert.entity, alert.status, alert.severity], ['alfa', 'port-scan', SCANNER, 'open', 'low']);
    assert.deepEqual(await alertsOf(bo), [], "bravo's admin sees none of alfa's alerts");
    assert.equal((await fetch(`${base}/api/v1/alerts/${alert.id}`, { headers: { cookie: bo } })).status, 404);

    const closed = await fetch(`${base}/api/v1/alerts/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: anna },
      body: JSON.stringify({ ids: [alert.id], status: 'closed' }),
    });
    assert.equal(closed.status, 200);
    assert.deepEqual(await closed.json(), { changed: [alert.id] });
    const audit = (await (await fetch(`${base}/api/v1/audit?tenant=alfa`, { headers: { cookie: admin } })).json()) as { entries: { action: string; actor: string; target?: string }[] };
    assert.ok(audit.entries.some((e) => e.action === 'alert.status' && e.actor === 'anna' && e.target === alert.id), 'the close is audited');

    assert.equal((await alertsOf(anna))[0]!.status, 'closed');

    // The scan goes on and doubles its port count: new activity reopens the closed alert.
    vaern.pipeline.acceptDecoded(verticalScan(65, 64, start + 64_000), [], { tenant: 'alfa', sensor: 'fw-alfa' });
    await vaern.detection.flush();
    const after = await alertsOf(anna);
    assert.deepEqual(
      after.map((a) => [a.id, a.status, a.statusChangedBy]),
      [[alert.id, 'open', 'detection']],
    );
    assert.deepEqual(await alertsOf(bo), []);
  } finally {
    await t.stop();
  }
});
