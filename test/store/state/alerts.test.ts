import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../../src/detect/alert.ts';
import { ALL_TENANTS, scopeOf } from '../../../src/model/tenant.ts';
import { openPgliteStateStore } from '../../../src/store/state/pglite.ts';
import type { StateStore } from '../../../src/store/state/state-store.ts';

// One in-memory PGlite for the file: creating one costs seconds.
let store: StateStore;
const A = scopeOf(['aby']);
const B = scopeOf(['bby']);
const NONE = scopeOf([]);
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const MIN = 60_000;

function alert(over: Partial<Alert> & Pick<Alert, 'id' | 'tenant'>): Alert {
  return {
    detector: 'port-scan',
    entity: '198.51.100.7',
    status: 'open',
    severity: 'low',
    score: 30,
    technique: { id: 'T1595', name: 'Active Scanning' },
    title: 'Vertical port scan from 198.51.100.7',
    explanation: 'many ports',
    evidence: { counts: { distinct: 60 }, sampleEvents: [{ '@timestamp': T0, 'vaern.tenant': over.tenant, 'source.ip': '198.51.100.7', 'destination.port': 22 }] },
    related: { ip: ['198.51.100.7', '10.1.0.10'], hosts: [], users: [] },
    count: 1,
    firstSeen: T0,
    lastSeen: T0 + MIN,
    createdAt: T0 + MIN,
    updatedAt: T0 + MIN,
    fields: { 'source.ip': '198.51.100.7', 'vaern.scan.type': 'vertical' },
    ...over,
  };
}

before(async () => {
  store = await openPgliteStateStore();
  await store.alerts.upsert([
    alert({ id: 'a1', tenant: 'aby' }),
    alert({ id: 'a2', tenant: 'aby', detector: 'brute-force', entity: 'host-7.aby.local', severity: 'high', score: 80, lastSeen: T0 + 5 * MIN, related: { ip: [], hosts: ['host-7.aby.local'], users: ['eve'] } }),
    alert({ id: 'a3', tenant: 'aby', severity: 'medium', score: 90, entity: '192.0.2.50_x', lastSeen: T0 + 2 * MIN }),
    alert({ id: 'b1', tenant: 'bby', entity: '203.0.113.99', severity: 'critical', score: 95 }),
  ]);
});
after(() => store.close());

describe('alerts', () => {
  test('round-trips an alert, samples and fields included', async () => {
    const got = await store.alerts.get(A, 'a1');
    assert.ok(got);
    const { statusChangedBy, statusChangedAt, ...plain } = got;
    assert.deepEqual(plain, alert({ id: 'a1', tenant: 'aby' }));
    assert.equal(statusChangedBy, null);
    assert.equal(statusChangedAt, null);
  });

  test('scope: another tenant\'s alert is not found, listed, counted or changed', async () => {
    assert.equal(await store.alerts.get(A, 'b1'), undefined);
    assert.equal(await store.alerts.get(NONE, 'a1'), undefined);
    assert.ok(await store.alerts.get(ALL_TENANTS, 'b1'));
    const listed = await store.alerts.list(A, { limit: 100, offset: 0 });
    assert.deepEqual(listed.alerts.map((a) => a.tenant), ['aby', 'aby', 'aby']);
    assert.equal(listed.total, 3);
    assert.deepEqual(await store.alerts.list(NONE, { limit: 100, offset: 0 }), { alerts: [], total: 0 });
    assert.deepEqual((await store.alerts.countBySeverity(B, 'open')).map((c) => c.tenant), ['bby']);
    assert.deepEqual(await store.alerts.setStatuses(A, ['b1'], 'closed', 'anna', T0), []);
    assert.equal((await store.alerts.get(B, 'b1'))?.status, 'open');
    assert.deepEqual((await store.alerts.listActive(B, 0)).map((a) => a.id), ['b1']);
  });

  test('list filters, sorts and pages', async () => {
    const ids = async (q: Parameters<StateStore['alerts']['list']>[1]) => (await store.alerts.list(A, q)).alerts.map((a) => a.id);
    const page = { limit: 100, offset: 0 };
    assert.deepEqual(await ids(page), ['a2', 'a3', 'a1'], 'newest activity first');
    assert.deepEqual(await ids({ ...page, sort: 'score' }), ['a3', 'a2', 'a1']);
    assert.deepEqual(await ids({ ...page, sort: 'severity' }), ['a2', 'a3', 'a1']);
    assert.deepEqual(await ids({ ...page, severity: 'high' }), ['a2']);
    assert.deepEqual(await ids({ ...page, detector: 'port-scan' }), ['a3', 'a1']);
    assert.deepEqual(await ids({ ...page, q: 'HOST-7' }), ['a2'], 'related host, case-insensitive');
    assert.deepEqual(await ids({ ...page, q: '10.1.0' }), ['a3', 'a1'], 'related ip');
    assert.deepEqual(await ids({ ...page, q: '50_x' }), ['a3']);
    assert.deepEqual(await ids({ ...page, q: '_' }), ['a3'], 'LIKE wildcards are literal');
    assert.deepEqual(await ids({ ...page, from: T0 + 3 * MIN }), ['a2']);
    assert.deepEqual(await ids({ ...page, to: T0 }), []);
    const second = await store.alerts.list(A, { limit: 1, offset: 1 });
    assert.deepEqual(second.alerts.map((a) => a.id), ['a3']);
    assert.equal(second.total, 3);
  });

  test('status changes report the previous status and only touch alerts that change', async () => {
    const changed = await store.alerts.setStatuses(A, ['a3', 'a1', 'missing'], 'acknowledged', 'anna', T0 + 10 * MIN);
    assert.deepEqual(changed.map((c) => [c.alert.id, c.previous, c.alert.status, c.alert.statusChangedBy, c.alert.statusChangedAt]).sort(), [
      ['a1', 'open', 'acknowledged', 'anna', T0 + 10 * MIN],
      ['a3', 'open', 'acknowledged', 'anna', T0 + 10 * MIN],
    ]);
    assert.deepEqual(await store.alerts.setStatuses(A, ['a1'], 'acknowledged', 'anna', T0), [], 'no change, no entry');
    assert.deepEqual(await store.alerts.countBySeverity(A, 'acknowledged'), [{ tenant: 'aby', counts: { info: 0, low: 1, medium: 1, high: 0, critical: 0 } }]);
  });

  test('upsert keeps the analyst\'s status; new activity reopens a closed alert', async () => {
    await store.alerts.setStatus(A, 'a1', 'acknowledged', 'anna');
    await store.alerts.upsert([alert({ id: 'a1', tenant: 'aby', count: 2, lastSeen: T0 + 20 * MIN, updatedAt: T0 + 20 * MIN })]);
    const acked = await store.alerts.get(A, 'a1');
    assert.equal(acked?.status, 'acknowledged');
    assert.equal(acked?.count, 2);

    await store.alerts.setStatuses(A, ['a1'], 'closed', 'anna', T0 + 21 * MIN);
    // The same activity again (a replay) leaves it closed...
    await store.alerts.upsert([alert({ id: 'a1', tenant: 'aby', count: 2, lastSeen: T0 + 20 * MIN, updatedAt: T0 + 22 * MIN })]);
    assert.equal((await store.alerts.get(A, 'a1'))?.status, 'closed');
    assert.deepEqual((await store.alerts.listActive(A, 0)).map((a) => a.id).includes('a1'), false);
    // ...later activity reopens it, marked as detection's doing.
    await store.alerts.upsert([alert({ id: 'a1', tenant: 'aby', count: 3, lastSeen: T0 + 30 * MIN, updatedAt: T0 + 30 * MIN })]);
    const reopened = await store.alerts.get(A, 'a1');
    assert.equal(reopened?.status, 'open');
    assert.equal(reopened?.statusChangedBy, 'detection');
    assert.equal(reopened?.statusChangedAt, T0 + 30 * MIN);
  });

  test('a batch naming one alert twice keeps the last version', async () => {
    await store.alerts.upsert([alert({ id: 'a9', tenant: 'aby', count: 1 }), alert({ id: 'a9', tenant: 'aby', count: 4 })]);
    assert.equal((await store.alerts.get(A, 'a9'))?.count, 4);
  });

  test('listActive returns open and acknowledged alerts seen since the cut-off', async () => {
    await store.alerts.setStatuses(A, ['a9'], 'closed', 'anna', T0);
    const active = await store.alerts.listActive(A, T0 + 2 * MIN);
    assert.deepEqual(active.map((a) => [a.id, a.status]).sort(), [
      ['a1', 'open'],
      ['a2', 'open'],
      ['a3', 'acknowledged'],
    ]);
  });
});

describe('suppressions', () => {
  test('create, list unexpired in scope, delete in scope only', async () => {
    const s = await store.suppressions.create({ tenant: 'aby', detector: 'port-scan', entity: '198.51.100.0/24', reason: 'pen test', owner: 'anna', expiresAt: T0 + 60 * MIN }, T0);
    await store.suppressions.create({ tenant: 'aby', detector: null, entity: 'old', reason: 'gone', owner: 'anna', expiresAt: T0 - 1 }, T0 - 60 * MIN);
    const b = await store.suppressions.create({ tenant: 'bby', detector: null, entity: 'backup.bby.local', reason: 'backups', owner: 'bo', expiresAt: T0 + 60 * MIN }, T0);
    const centre = await store.suppressions.create({ tenant: '*', detector: null, entity: '192.0.2.1', reason: 'centre scanner', owner: 'soc', expiresAt: T0 + 60 * MIN }, T0);
    assert.deepEqual(await store.suppressions.list(A, T0), [s]);
    assert.deepEqual((await store.suppressions.list(ALL_TENANTS, T0)).map((x) => x.id).sort(), [s.id, b.id, centre.id].sort());
    assert.equal(s.detector, 'port-scan');
    assert.equal(s.createdAt, T0);
    assert.equal(await store.suppressions.delete(A, b.id), undefined);
    assert.equal(await store.suppressions.delete(A, centre.id), undefined);
    assert.deepEqual(await store.suppressions.delete(A, s.id), s);
    assert.deepEqual(await store.suppressions.list(A, T0), []);
  });
});
