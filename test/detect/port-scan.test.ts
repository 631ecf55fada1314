import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portScan } from '../../src/detect/port-scan.ts';
import { HOUR, MIN, T0, flow, golden, replay } from './helpers.ts';

const low = {
  learningMs: 0,
  internal: { horizontalShort: 5, horizontalLong: 8, verticalShort: 5, verticalLong: 8, severity: 'medium' },
  external: { horizontalShort: 10, horizontalLong: 20, verticalShort: 10, verticalLong: 20, severity: 'low' },
};

test('fast horizontal scan: golden finding on crossing, re-reported on doubling only', () => {
  const events = Array.from({ length: 12 }, (_, i) => flow(T0 + i * 1000, '10.0.0.66', `10.0.1.${i + 1}`, 445, { 'event.action': 'denied' }));
  const found = replay(portScan, low, events);
  assert.deepEqual(found.map(golden), [
    {
      entity: '10.0.0.66',
      severity: 'medium',
      score: 55,
      technique: 'T1046',
      title: 'Horizontal port scan from 10.0.0.66',
      counts: { distinct: 5, threshold: 5, failedAttempts: 5 },
      firstSeen: 0,
      lastSeen: 4000,
    },
    {
      entity: '10.0.0.66',
      severity: 'medium',
      score: 70,
      technique: 'T1046',
      title: 'Horizontal port scan from 10.0.0.66',
      counts: { distinct: 10, threshold: 5, failedAttempts: 10 },
      firstSeen: 0,
      lastSeen: 9000,
    },
  ]);
  assert.match(found[0]!.explanation, /contacted 5 distinct hosts on port 445/);
  assert.equal(found[0]!.fields?.['destination.port'], 445);
});

test('slow vertical scan over hours is caught by the long window only', () => {
  // 9 ports, one every 40 minutes: never 5 within the 5-minute window, 9 within 6 h.
  const events = Array.from({ length: 9 }, (_, i) => flow(T0 + i * 40 * MIN, '10.0.0.77', '10.0.2.2', 1000 + i, { 'destination.bytes': 0 }));
  const found = replay(portScan, low, events, 10 * MIN);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.title, 'Vertical port scan from 10.0.0.77');
  assert.equal(found[0]!.evidence.counts['distinct'], 8);
  assert.equal(found[0]!.lastSeen - T0, 7 * 40 * MIN);
});

test('answered connections, name lookups and known scanners from the learning period do not count', () => {
  const answered = Array.from({ length: 20 }, (_, i) => flow(T0 + i * 1000, '10.0.0.5', `10.0.1.${i}`, 443, { 'destination.bytes': 5000 }));
  assert.deepEqual(replay(portScan, low, answered), []);
  // A monitoring host sweeps during learning (first hour), then again later: known, silent.
  const sweep = (start: number) => Array.from({ length: 10 }, (_, i) => flow(start + i * 1000, '10.0.0.9', `10.0.1.${i}`, 161, { 'destination.bytes': 0 }));
  assert.deepEqual(replay(portScan, { ...low, learningMs: HOUR }, [...sweep(T0), ...sweep(T0 + 2 * HOUR)]), []);
});

test('external sources need the higher external thresholds and rate low', () => {
  const events = Array.from({ length: 10 }, (_, i) => flow(T0 + i * 1000, '203.0.113.9', '198.51.100.1', 20 + i, { 'event.action': 'denied', 'network.direction': 'inbound' }));
  const found = replay(portScan, low, events);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'low');
  assert.equal(found[0]!.technique.id, 'T1595');
});

test('external sweeps fold into one info summary per tenant and UTC day; per-source on request', () => {
  // Three scanners sweep 12 public addresses on one port each; a fourth the next day.
  const sweep = (start: number, src: string, port: number) =>
    Array.from({ length: 12 }, (_, i) => flow(start + i * 1000, src, `198.51.100.${i + 1}`, port, { 'event.action': 'denied', 'network.direction': 'inbound' }));
  const events = [...sweep(T0, '203.0.113.1', 23), ...sweep(T0 + HOUR, '203.0.113.2', 22), ...sweep(T0 + 2 * HOUR, '203.0.113.3', 23), ...sweep(T0 + 25 * HOUR, '203.0.113.4', 3389)];
  const found = replay(portScan, low, events, 10 * MIN);
  assert.deepEqual(
    found.map((f) => [f.entity, f.severity, f.evidence.counts['sources'], f.related.ip[0]]),
    [
      ['internet-sweeps 2026-01-05', 'info', 1, '203.0.113.1'],
      ['internet-sweeps 2026-01-05', 'info', 2, '203.0.113.2'],
      ['internet-sweeps 2026-01-05', 'info', 3, '203.0.113.3'],
      ['internet-sweeps 2026-01-06', 'info', 1, '203.0.113.4'],
    ],
  );
  assert.match(found[2]!.explanation, /3 external source\(s\) swept .* by port: 23 \(2\), 22 \(1\)/);
  assert.equal(found[2]!.firstSeen, T0);
  const perSource = replay(portScan, { ...low, externalSweeps: 'per-source' }, events, 10 * MIN);
  assert.deepEqual(perSource.map((f) => [f.entity, f.severity]), [['203.0.113.1', 'low'], ['203.0.113.2', 'low'], ['203.0.113.3', 'low'], ['203.0.113.4', 'low']]);
});
