import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../src/detect/alert.ts';
import { parseDetectConfig } from '../../src/detect/config.ts';
import { createDeduplicator, suppressionRuleSchema } from '../../src/detect/dedup.ts';
import { HOUR, T0, TENANT, ev } from './helpers.ts';

const cfg = parseDetectConfig({ dedup: { windowMs: '1h' } }).dedup;

function finding(ts: number, over: Partial<Finding> = {}): Finding {
  return {
    detector: 'port-scan',
    tenant: TENANT,
    entity: '10.0.0.5',
    severity: 'medium',
    score: 50,
    technique: { id: 'T1046', name: 'Network Service Discovery' },
    title: 'scan',
    explanation: 'x',
    evidence: { counts: { distinct: 20 }, sampleEvents: [ev(ts, { 'source.ip': '10.0.0.5' })] },
    related: { ip: ['10.0.0.5'], hosts: [], users: [] },
    firstSeen: ts - 1000,
    lastSeen: ts,
    timestamp: ts,
    ...over,
  };
}

test('findings about the same entity within the window update one alert', () => {
  const d = createDeduplicator(cfg);
  const [created] = d.apply([finding(T0)], T0);
  assert.equal(created!.kind, 'created');
  const [updated] = d.apply([finding(T0 + 30 * 60_000, { severity: 'high', score: 80, evidence: { counts: { distinct: 40 }, sampleEvents: [ev(T0 + 1, {})] } })], T0 + 30 * 60_000);
  assert.equal(updated!.kind, 'updated');
  assert.equal(updated!.alert.id, created!.alert.id);
  assert.equal(updated!.alert.count, 2);
  assert.equal(updated!.alert.severity, 'high');
  assert.equal(updated!.alert.score, 80);
  assert.equal(updated!.alert.firstSeen, T0 - 1000);
  assert.equal(updated!.alert.lastSeen, T0 + 30 * 60_000);
  assert.equal(updated!.alert.evidence.sampleEvents.length, 2);
  assert.equal(updated!.alert.evidence.counts['distinct'], 40);
  // A lower-severity finding later does not lower the alert.
  const [later] = d.apply([finding(T0 + 40 * 60_000, { severity: 'low', score: 10 })], T0 + 40 * 60_000);
  assert.equal(later!.alert.severity, 'high');
  assert.equal(later!.alert.score, 80);
});

test('after the window, or for another entity or tenant, a new alert opens', () => {
  const d = createDeduplicator(cfg);
  const a = d.apply([finding(T0)], T0)[0]!.alert;
  const b = d.apply([finding(T0 + 3 * HOUR)], T0 + 3 * HOUR)[0]!;
  assert.equal(b.kind, 'created');
  assert.notEqual(b.alert.id, a.id);
  const ups = d.apply([finding(T0 + 3 * HOUR, { entity: '10.0.0.6' }), finding(T0 + 3 * HOUR, { tenant: 'other' })], T0 + 3 * HOUR);
  assert.deepEqual(ups.map((u) => u.kind), ['created', 'created']);
});

test('several findings in one batch give one update per alert', () => {
  const d = createDeduplicator(cfg);
  const ups = d.apply([finding(T0), finding(T0 + 1000), finding(T0 + 2000)], T0 + 2000);
  assert.equal(ups.length, 1);
  assert.equal(ups[0]!.kind, 'created');
  assert.equal(ups[0]!.alert.count, 3);
});

test('suppression rules match by CIDR, host, detector and tenant, and expire', () => {
  const rule = suppressionRuleSchema.parse({
    id: 'backup-smb',
    detector: 'port-scan',
    tenant: TENANT,
    match: { ip: '10.0.0.0/29' },
    reason: 'backup server sweeps SMB nightly',
    owner: 'it-drift@kommune.dk',
    expiresAt: new Date(T0 + HOUR).toISOString(),
  });
  const d = createDeduplicator(cfg, [rule]);
  assert.deepEqual(d.apply([finding(T0)], T0), []);
  assert.equal(d.suppressed.get('backup-smb'), 1);
  // Outside the CIDR, another detector, another tenant: not suppressed.
  assert.equal(d.apply([finding(T0, { entity: '10.0.1.5', related: { ip: ['10.0.1.5'], hosts: [], users: [] } })], T0).length, 1);
  assert.equal(d.apply([finding(T0, { detector: 'beaconing' })], T0).length, 1);
  assert.equal(d.apply([finding(T0, { tenant: 'other' })], T0).length, 1);
  // Expired.
  assert.equal(d.apply([finding(T0 + 2 * HOUR)], T0 + 2 * HOUR).length, 1);
  assert.throws(() => suppressionRuleSchema.parse({ tenant: TENANT, match: {}, reason: 'x', owner: 'y', expiresAt: 0 }));
  assert.throws(() => suppressionRuleSchema.parse({ tenant: TENANT, match: { ip: '10.0.0.0/99' }, reason: 'x', owner: 'y', expiresAt: 0 }));
});

test('seeded closed alerts do not absorb new findings; acknowledged ones do', () => {
  const d = createDeduplicator(cfg);
  const a = d.apply([finding(T0)], T0)[0]!.alert;
  d.seed([{ ...a, status: 'closed' }]);
  assert.equal(d.apply([finding(T0 + 1000)], T0 + 1000)[0]!.kind, 'created');
  const b = d.apply([finding(T0 + 2000, { entity: 'x' })], T0 + 2000)[0]!.alert;
  d.seed([{ ...b, status: 'acknowledged' }]);
  const u = d.apply([finding(T0 + 3000, { entity: 'x' })], T0 + 3000)[0]!;
  assert.equal(u.kind, 'updated');
  assert.equal(u.alert.status, 'acknowledged');
});

test('config rejects out-of-range and unknown values with a path', () => {
  assert.throws(() => parseDetectConfig({ dedup: { windowMs: '1s' } }), /windowMs/);
  assert.throws(() => parseDetectConfig({ detectors: { 'port-scan': { shortWindowMs: '7h' } } }), /longWindowMs|shortWindowMs/);
  assert.throws(() => parseDetectConfig({ detectors: { 'port-scan': { treshold: 3 } } }), /treshold|Unrecognized/);
  assert.throws(() => parseDetectConfig({ detectors: { beaconing: { medium: 0.95 } } }), /high/);
});
