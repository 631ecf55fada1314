import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beaconing, coverageScore, prevalenceFactor, sizeScore, timingScore } from '../../src/detect/beaconing.ts';
import { detectorConfig } from '../../src/detect/config.ts';
import { HOUR, MIN, T0, flow, golden, replay } from './helpers.ts';

const cfg = detectorConfig(beaconing);

test('pure scores: a metronome scores 1, noise scores low', () => {
  const even = Array.from({ length: 48 }, (_, i) => T0 + i * 30 * MIN);
  assert.equal(timingScore(even, cfg), 1);
  assert.equal(sizeScore(Array(48).fill(512), cfg), 1);
  assert.equal(coverageScore(even, cfg), 1);
  let x = 1;
  const rnd = (): number => ((x = (x * 48271) % 2147483647) / 2147483647);
  const bursty: number[] = [];
  for (let t = T0; bursty.length < 48; t += rnd() ** 4 * 2 * HOUR) bursty.push(t);
  assert.ok(timingScore(bursty, cfg) < 0.6, `bursty timing ${timingScore(bursty, cfg)}`);
  assert.ok(sizeScore(bursty.map(() => Math.round(rnd() * 1e6)), cfg) < 0.6);
  assert.equal(prevalenceFactor(0.01, cfg), 1);
  assert.equal(prevalenceFactor(0.5, cfg), 0);
});

test('a jittered implant is reported at the hourly evaluation (golden)', () => {
  let x = 7;
  const rnd = (): number => ((x = (x * 48271) % 2147483647) / 2147483647);
  const events = [];
  for (let t = T0, i = 0; i < 40; i++, t += (60 + 20 * (rnd() - 0.5)) * 1000) {
    events.push(flow(Math.round(t), '10.0.0.20', '198.51.100.66', 443, { 'source.bytes': 300 + Math.round(10 * rnd()), 'network.direction': 'outbound' }));
  }
  const found = replay(beaconing, { minConnections: 20, evaluateEveryMs: '30m', coverageFullMs: '30m', prevalenceMinHosts: 1000 }, events, 10 * MIN, T0 + 2 * HOUR);
  assert.deepEqual(found.map(golden).slice(0, 1), [
    {
      entity: '10.0.0.20>198.51.100.66',
      severity: 'medium',
      score: 88,
      technique: 'T1071',
      title: 'Beaconing from 10.0.0.20 to 198.51.100.66',
      counts: { connections: 40, medianIntervalMs: 60_670, medianBytes: 303, internalHostsReaching: 1, timing: 0.81, size: 0.9, coverage: 1 },
      firstSeen: 0,
      lastSeen: 2_352_184,
    },
  ]);
});

test('the same timer from most internal hosts is an update service, not C2', () => {
  const events = [];
  for (let h = 0; h < 60; h++) for (let i = 0; i < 30; i++) events.push(flow(T0 + i * MIN + h * 500, `10.0.1.${h}`, '203.0.113.80', 443, { 'source.bytes': 400, 'network.direction': 'outbound' }));
  assert.deepEqual(replay(beaconing, { minConnections: 20, evaluateEveryMs: '30m', prevalenceMinHosts: 10 }, events, 10 * MIN, T0 + 2 * HOUR), []);
});
