import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bruteForce, serviceOf } from '../../src/detect/brute-force.ts';
import { MIN, T0, ev, golden, replay } from './helpers.ts';

const auth = (ts: number, src: string, user: string, ok: boolean, extra = {}) =>
  ev(ts, { 'event.category': ['authentication'], 'event.outcome': ok ? 'success' : 'failure', 'source.ip': src, 'user.name': user, 'destination.ip': '198.51.100.2', 'destination.port': 443, 'event.dataset': 'fortigate.vpn', ...extra });

const low = { failures: 5, sprayUsers: 4, successAfterFailures: 3 };

test('password guessing, then success after failures (high)', () => {
  const events = [...Array.from({ length: 6 }, (_, i) => auth(T0 + i * 10_000, '203.0.113.5', 'admin', false)), auth(T0 + 70_000, '203.0.113.5', 'admin', true)];
  const found = replay(bruteForce, low, events);
  assert.deepEqual(found.map(golden), [
    {
      entity: '203.0.113.5',
      severity: 'medium',
      score: 45,
      technique: 'T1110.001',
      title: 'Password guessing from 203.0.113.5 against vpn',
      counts: { failures: 5, distinctUsers: 1 },
      firstSeen: 0,
      lastSeen: 40_000,
    },
    {
      entity: '203.0.113.5',
      severity: 'high',
      score: 85,
      technique: 'T1110',
      title: 'Successful vpn login after repeated failures from 203.0.113.5',
      counts: { sourceFailures: 6, userFailures: 6 },
      firstSeen: 0,
      lastSeen: 70_000,
    },
  ]);
});

test('password spraying: one source, many accounts, few tries each', () => {
  const events = ['anna', 'bo', 'carl', 'dorte', 'erik'].map((u, i) => auth(T0 + i * MIN, '203.0.113.6', u, false));
  const found = replay(bruteForce, low, events);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.technique.id, 'T1110.003');
  assert.equal(found[0]!.evidence.counts['distinctUsers'], 4);
  assert.deepEqual(found[0]!.related.users, ['anna', 'bo', 'carl', 'dorte']);
});

test('a user mistyping twice and logging in is not reported; failures outside the window do not add up', () => {
  const typo = [auth(T0, '192.0.2.10', 'anna', false), auth(T0 + 5000, '192.0.2.10', 'anna', false), auth(T0 + 9000, '192.0.2.10', 'anna', true)];
  assert.deepEqual(replay(bruteForce, low, typo), []);
  const spread = Array.from({ length: 8 }, (_, i) => auth(T0 + i * 20 * MIN, '203.0.113.7', 'root', false));
  assert.deepEqual(replay(bruteForce, { ...low, windowMs: '10m' }, spread, 10 * MIN), []);
});

test('service classification from dataset, product and port', () => {
  assert.equal(serviceOf(ev(0, { 'event.dataset': 'panw.globalprotect' })), 'vpn');
  assert.equal(serviceOf(ev(0, { 'destination.port': 22 })), 'ssh');
  assert.equal(serviceOf(ev(0, { 'destination.port': 3389 })), 'rdp');
  assert.equal(serviceOf(ev(0, { 'destination.port': 993 })), 'mail');
  assert.equal(serviceOf(ev(0, { 'event.dataset': 'fortigate.admin' })), 'admin');
});
