import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TENANTS } from '../../src/model/tenant.ts';
import type { AlertStatusChange } from '../../src/store/state/state-store.ts';
import type { DetectionLink } from '../../src/server/types.ts';
import { ALFA_ALERTS, BRAVO_ALERTS, getAs, HOUR, NOW, openFixture, sendAs, type Fixture } from './fixture.ts';

interface AlertJson {
  id: string;
  tenant: string;
  status: string;
  severity: string;
  evidence: { counts: Record<string, number>; sampleEvents: Record<string, unknown>[] };
  related: { ip: string[] };
  statusChangedBy: string | null;
}
type List = { alerts: AlertJson[]; total: number };

/** Records what the routes tell the engine. */
const told = { statusChanges: [] as AlertStatusChange[], suppressionReloads: 0 };
const link: DetectionLink = {
  alertStatusChanged: (changes) => void told.statusChanges.push(...changes),
  suppressionsChanged: () => {
    told.suppressionReloads++;
    return Promise.resolve();
  },
};

let f: Fixture;
before(async () => {
  f = await openFixture({ detection: link });
});
after(() => f.close());

const [ALFA_SCAN, ALFA_BRUTE] = ALFA_ALERTS.map((a) => a.id) as [string, string];
const BRAVO_SCAN = BRAVO_ALERTS[0]!.id;

describe('GET /api/v1/alerts', () => {
  test('lists the tenant\'s alerts, newest activity first, in the console\'s shape', async () => {
    const res = await getAs(f, 'victor', '/api/v1/alerts');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<List>();
    assert.deepEqual(body.alerts.map((a) => a.id), [ALFA_BRUTE, ALFA_SCAN]);
    assert.equal(body.total, 2);
    const scan = body.alerts[1]!;
    assert.equal(scan.tenant, 'alfa');
    assert.deepEqual(scan.related.ip, ['198.51.100.1', '10.1.0.10']);
    assert.deepEqual(scan.evidence.counts, { distinct: 64, threshold: 60 });
  });

  test('sample events (raw, personal data) only for analysts of the tenant, as nested ECS', async () => {
    const viewer = (await getAs(f, 'victor', `/api/v1/alerts/${ALFA_SCAN}`)).json<{ alert: AlertJson }>().alert;
    assert.deepEqual(viewer.evidence.sampleEvents, []);
    const analyst = (await getAs(f, 'anna', `/api/v1/alerts/${ALFA_SCAN}`)).json<{ alert: AlertJson }>().alert;
    assert.equal(analyst.evidence.sampleEvents.length, 1);
    assert.deepEqual((analyst.evidence.sampleEvents[0]!['source'] as { ip: string }).ip, '198.51.100.1');
  });

  test('filters, sorts and pages', async () => {
    const ids = async (query: string) => (await getAs(f, 'anna', `/api/v1/alerts?${query}`)).json<List>().alerts.map((a) => a.id);
    assert.deepEqual(await ids('status=open'), [ALFA_SCAN]);
    assert.deepEqual(await ids('severity=high'), [ALFA_BRUTE]);
    assert.deepEqual(await ids('detector=port-scan'), [ALFA_SCAN]);
    assert.deepEqual(await ids('q=192.0.2'), [ALFA_BRUTE]);
    assert.deepEqual(await ids(`from=${NOW - 90 * 60_000}`), [ALFA_BRUTE]);
    assert.deepEqual(await ids(`to=${new Date(NOW - 4 * HOUR).toISOString()}`), []);
    assert.deepEqual(await ids('sort=score&limit=1&offset=1'), [ALFA_SCAN]);
    const page = (await getAs(f, 'anna', '/api/v1/alerts?limit=1')).json<List>();
    assert.equal(page.total, 2);
    assert.equal((await getAs(f, 'anna', '/api/v1/alerts?status=bogus')).statusCode, 400);
    assert.equal((await getAs(f, 'anna', '/api/v1/alerts?limit=5000')).statusCode, 400);
  });

  test('another tenant\'s alert is not found, and not listed', async () => {
    for (const user of ['alice', 'anna', 'victor'] as const) {
      assert.equal((await getAs(f, user, `/api/v1/alerts/${BRAVO_SCAN}`)).statusCode, 404, user);
    }
    assert.equal((await getAs(f, 'admin', `/api/v1/alerts/${BRAVO_SCAN}`)).statusCode, 200);
    // 'both' views bravo: sees the alert, but not its samples (analyst only in alfa).
    const both = (await getAs(f, 'both', `/api/v1/alerts/${BRAVO_SCAN}`)).json<{ alert: AlertJson }>().alert;
    assert.deepEqual(both.evidence.sampleEvents, []);
  });
});

describe('GET /api/v1/alerts/summary', () => {
  test('open alerts by severity for every visible tenant', async () => {
    const zero = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
    const alfa = (await getAs(f, 'victor', '/api/v1/alerts/summary')).json<{ tenants: unknown[] }>();
    assert.deepEqual(alfa.tenants, [{ tenant: 'alfa', counts: { ...zero, low: 1 }, total: 1 }]);
    const all = (await getAs(f, 'admin', '/api/v1/alerts/summary')).json<{ tenants: { tenant: string; total: number }[] }>();
    assert.deepEqual(
      all.tenants.map((t) => [t.tenant, t.total]),
      [
        ['alfa', 1],
        ['bravo', 1],
      ],
    );
  });
});

describe('POST /api/v1/alerts/status', () => {
  test('viewers may not change status', async () => {
    assert.equal((await sendAs(f, 'victor', 'POST', '/api/v1/alerts/status', { ids: [ALFA_SCAN], status: 'closed' })).statusCode, 403);
  });

  test('changes only alerts in the analyst\'s scope, audits each, tells the engine', async () => {
    told.statusChanges.length = 0;
    const res = await sendAs(f, 'anna', 'POST', '/api/v1/alerts/status', { ids: [ALFA_SCAN, BRAVO_SCAN, 'no-such-alert'], status: 'closed' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { changed: [ALFA_SCAN] });
    assert.equal((await f.state.alerts.get(ALL_TENANTS, BRAVO_SCAN))?.status, 'open');
    const stored = await f.state.alerts.get(ALL_TENANTS, ALFA_SCAN);
    assert.equal(stored?.status, 'closed');
    assert.equal(stored?.statusChangedBy, 'anna');
    assert.equal(stored?.statusChangedAt, NOW);
    assert.deepEqual(told.statusChanges.map((c) => [c.alert.id, c.previous, c.alert.status]), [[ALFA_SCAN, 'open', 'closed']]);

    const audit = await f.state.audit.list(ALL_TENANTS, { from: NOW, to: NOW + 1, limit: 100 });
    const entry = audit.find((e) => e.action === 'alert.status' && e.target === ALFA_SCAN);
    assert.ok(entry, 'audited');
    assert.equal(entry.actor, 'anna');
    assert.equal(entry.tenant, 'alfa');
    assert.deepEqual({ from: entry.detail?.['from'], to: entry.detail?.['to'] }, { from: 'open', to: 'closed' });
    assert.equal(audit.filter((e) => e.target === BRAVO_SCAN).length, 0);

    const reopened = await sendAs(f, 'anna', 'POST', '/api/v1/alerts/status', { ids: [ALFA_SCAN], status: 'open' });
    assert.deepEqual(reopened.json(), { changed: [ALFA_SCAN] });
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/alerts/status', { ids: [ALFA_SCAN], status: 'gone' })).statusCode, 400);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/alerts/status', { ids: [], status: 'open' })).statusCode, 400);
  });
});

describe('suppressions', () => {
  type SuppressionJson = { id: string; tenant: string; detector: string | null; entity: string; owner: string; expiresAt: number };
  const body = { tenant: 'alfa', detector: 'port-scan', entity: '198.51.100.0/24', reason: 'annual pen test', expiresAt: new Date(NOW + 48 * HOUR).toISOString() };

  test('an analyst adds one in their tenant; audited and handed to the engine', async () => {
    const reloads = told.suppressionReloads;
    const res = await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', body);
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json<{ suppression: SuppressionJson }>().suppression;
    assert.deepEqual([s.tenant, s.detector, s.entity, s.owner, s.expiresAt], ['alfa', 'port-scan', '198.51.100.0/24', 'anna', NOW + 48 * HOUR]);
    assert.equal(told.suppressionReloads, reloads + 1);
    const audit = await f.state.audit.list(ALL_TENANTS, { from: NOW, to: NOW + 1, limit: 100 });
    assert.ok(audit.some((e) => e.action === 'suppression.create' && e.target === s.id && e.actor === 'anna'));
    const listed = (await getAs(f, 'victor', '/api/v1/suppressions')).json<{ suppressions: SuppressionJson[] }>().suppressions;
    assert.ok(listed.some((x) => x.id === s.id));
    assert.ok(listed.every((x) => x.tenant === 'alfa'));
  });

  test('refused: viewers, other tenants, `*` without a centre grant, past or endless expiry, unknown detector', async () => {
    assert.equal((await sendAs(f, 'victor', 'POST', '/api/v1/suppressions', body)).statusCode, 403);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', { ...body, tenant: 'bravo' })).statusCode, 403);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', { ...body, tenant: '*' })).statusCode, 403);
    assert.equal((await sendAs(f, 'centre', 'POST', '/api/v1/suppressions', { ...body, tenant: '*' })).statusCode, 201);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', { ...body, expiresAt: NOW - 1 })).statusCode, 400);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', { ...body, expiresAt: NOW + 400 * 24 * HOUR })).statusCode, 400);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', { ...body, detector: 'no-such-detector' })).statusCode, 400);
    assert.equal((await sendAs(f, 'anna', 'POST', '/api/v1/suppressions', { ...body, entity: 'two words' })).statusCode, 400);
  });

  test('suppress from an alert: its tenant, detector and entity, for a number of hours', async () => {
    const res = await sendAs(f, 'anna', 'POST', `/api/v1/alerts/${ALFA_BRUTE}/suppress`, { reason: 'known auditor', durationHours: 24 });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json<{ suppression: SuppressionJson }>().suppression;
    assert.deepEqual([s.tenant, s.detector, s.entity, s.expiresAt], ['alfa', 'brute-force', '192.0.2.7', NOW + 24 * HOUR]);
    assert.equal((await sendAs(f, 'anna', 'POST', `/api/v1/alerts/${BRAVO_SCAN}/suppress`, { reason: 'x', durationHours: 1 })).statusCode, 404);
    assert.equal((await sendAs(f, 'victor', 'POST', `/api/v1/alerts/${ALFA_BRUTE}/suppress`, { reason: 'x', durationHours: 1 })).statusCode, 403);
  });

  test('delete only within scope', async () => {
    const all = await f.state.suppressions.list(ALL_TENANTS, NOW);
    const bravo = all.find((s) => s.tenant === 'bravo')!;
    const alfa = all.find((s) => s.tenant === 'alfa')!;
    assert.equal((await sendAs(f, 'anna', 'DELETE', `/api/v1/suppressions/${bravo.id}`)).statusCode, 404);
    assert.equal((await sendAs(f, 'victor', 'DELETE', `/api/v1/suppressions/${alfa.id}`)).statusCode, 403);
    assert.equal((await sendAs(f, 'anna', 'DELETE', `/api/v1/suppressions/${alfa.id}`)).statusCode, 204);
    assert.ok((await f.state.suppressions.list(ALL_TENANTS, NOW)).some((s) => s.id === bravo.id));
    assert.equal((await f.state.suppressions.list(ALL_TENANTS, NOW)).some((s) => s.id === alfa.id), false);
  });
});
