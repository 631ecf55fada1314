import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longConnections } from '../../src/detect/long-connections.ts';
import { HOUR, MIN, T0, flow, golden, replay } from './helpers.ts';

const low = { lowMs: '1h', mediumMs: '2h', highMs: '3h', prevalenceMinHosts: 1000 };
/** A record ending at `end` covering `minutes` of one session. */
const rec = (end: number, minutes: number, src = '10.0.0.30', dst = '198.51.100.44') =>
  flow(end, src, dst, 4444, { 'event.duration': minutes * MIN * 1e6, 'source.bytes': 1000, 'destination.bytes': 2000, 'network.direction': 'outbound' });

test('records of one session are stitched and reported at each level (golden)', () => {
  const events = Array.from({ length: 8 }, (_, i) => rec(T0 + (i + 1) * 30 * MIN, 30));
  const found = replay(longConnections, low, events, 10 * MIN);
  assert.deepEqual(found.map(golden), [
    { entity: '10.0.0.30>198.51.100.44', severity: 'low', score: 30, technique: 'T1071', title: 'Long connection from 10.0.0.30 to 198.51.100.44:4444', counts: { durationMs: HOUR, records: 2, bytes: 6000, internalHostsReaching: 1 }, firstSeen: 0, lastSeen: HOUR },
    { entity: '10.0.0.30>198.51.100.44', severity: 'medium', score: 45, technique: 'T1071', title: 'Long connection from 10.0.0.30 to 198.51.100.44:4444', counts: { durationMs: 2 * HOUR, records: 4, bytes: 12000, internalHostsReaching: 1 }, firstSeen: 0, lastSeen: 2 * HOUR },
    { entity: '10.0.0.30>198.51.100.44', severity: 'high', score: 54, technique: 'T1071', title: 'Long connection from 10.0.0.30 to 198.51.100.44:4444', counts: { durationMs: 3 * HOUR, records: 6, bytes: 18000, internalHostsReaching: 1 }, firstSeen: 0, lastSeen: 3 * HOUR },
  ]);
});

test('a gap longer than gapMs starts a new connection; short records are ignored', () => {
  const events = [rec(T0 + 40 * MIN, 40), rec(T0 + 90 * MIN, 40)]; // 10-minute gap
  assert.deepEqual(replay(longConnections, low, events, 10 * MIN), []);
  assert.deepEqual(replay(longConnections, low, [flow(T0, '10.0.0.30', '198.51.100.44', 443, { 'event.duration': 5e9, 'network.direction': 'outbound' })]), []);
});

test('destinations most hosts hold open are skipped', () => {
  const events = [];
  for (let h = 0; h < 20; h++) events.push(flow(T0 + h * 1000, `10.0.1.${h}`, '203.0.113.1', 443, { 'event.duration': 1e9, 'network.direction': 'outbound' }));
  events.push(rec(T0 + 2 * HOUR, 120, '10.0.1.1', '203.0.113.1'));
  assert.deepEqual(replay(longConnections, { ...low, prevalenceMinHosts: 10 }, events, 10 * MIN), []);
});
