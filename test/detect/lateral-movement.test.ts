import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lateralMovement } from '../../src/detect/lateral-movement.ts';
import { HOUR, MIN, T0, flow, golden, replay } from './helpers.ts';

const low = { learningMs: '1h', newPairs: 2, fanOut: 4 };

test('new admin-protocol pairs after learning: medium, then fan-out high (golden)', () => {
  const learned = [flow(T0, '10.0.0.8', '10.0.5.1', 3389), flow(T0 + MIN, '10.0.0.50', '10.0.5.1', 445)];
  const attack = [1, 2, 3, 4].map((i) => flow(T0 + 2 * HOUR + i * MIN, '10.0.0.50', `10.0.5.${i + 1}`, 5985));
  const found = replay(lateralMovement, low, [...learned, ...attack], 10 * MIN);
  assert.deepEqual(found.map(golden), [
    { entity: '10.0.0.50', severity: 'medium', score: 50, technique: 'T1021.006', title: 'New admin-protocol connections from 10.0.0.50', counts: { newDestinations: 2 }, firstSeen: 2 * HOUR + MIN, lastSeen: 2 * HOUR + 2 * MIN },
    { entity: '10.0.0.50', severity: 'high', score: 80, technique: 'T1021.006', title: 'Admin-protocol fan-out from 10.0.0.50', counts: { newDestinations: 4 }, firstSeen: 2 * HOUR + MIN, lastSeen: 2 * HOUR + 4 * MIN },
  ]);
});

test('pairs learned during learning, other ports and external peers are not counted', () => {
  const learning = [1, 2, 3, 4].map((i) => flow(T0 + i * MIN, '10.0.0.8', `10.0.5.${i}`, 3389));
  const later = [1, 2, 3, 4].map((i) => flow(T0 + 3 * HOUR + i * MIN, '10.0.0.8', `10.0.5.${i}`, 3389));
  const web = [1, 2, 3, 4].map((i) => flow(T0 + 3 * HOUR + i * MIN, '10.0.0.9', `10.0.5.${i}`, 443));
  const out = [1, 2, 3, 4].map((i) => flow(T0 + 3 * HOUR + i * MIN, '10.0.0.9', `198.51.100.${i}`, 22));
  assert.deepEqual(replay(lateralMovement, low, [...learning, ...later, ...web, ...out], 10 * MIN), []);
});

test('admin sources (many peers while learning) are reported only for a fan-out', () => {
  const peers = (src: string, start: number, from: number, n: number) => Array.from({ length: n }, (_, i) => flow(start + i * MIN, src, `10.0.6.${from + i}`, 3389));
  const helpdesk = [...peers('10.0.0.11', T0, 1, 5), ...peers('10.0.0.11', T0 + 2 * HOUR, 100, 3)];
  assert.deepEqual(replay(lateralMovement, low, helpdesk, 10 * MIN), []);
  const found = replay(lateralMovement, low, [...peers('10.0.0.11', T0, 1, 5), ...peers('10.0.0.11', T0 + 2 * HOUR, 100, 4)], 10 * MIN);
  assert.deepEqual(found.map((f) => f.severity), ['high']);
});
