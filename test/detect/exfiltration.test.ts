import assert from 'node:assert/strict';
import { test } from 'node:test';
import { destinationWeight, exfiltration } from '../../src/detect/exfiltration.ts';
import { HOUR, MIN, T0, flow, golden, replay } from './helpers.ts';

const low = { learningBuckets: 3, minWeightedBytes: 1_000_000, ratio: 5, sigma: 3, prevalenceMinHosts: 3, rareMaxHosts: 1, popularMin: 0.5 };
const up = (ts: number, src: string, dst: string, bytes: number, country = 'DK') =>
  flow(ts, src, dst, 443, { 'source.bytes': bytes, 'destination.geo.country_iso_code': country, 'network.direction': 'outbound' });

/** Four hosts using a shared service lightly every 10 minutes for `hours`. */
function baseline(hours: number) {
  const out = [];
  for (let t = 0; t < hours * HOUR; t += 10 * MIN) for (let h = 1; h <= 4; h++) out.push(up(T0 + t + h, `10.0.0.${h}`, '203.0.113.10', 20_000));
  return out;
}

test('a host sending far more than usual to a rare destination (golden)', () => {
  const attack = Array.from({ length: 6 }, (_, i) => up(T0 + 5 * HOUR + i * 5 * MIN, '10.0.0.1', '198.51.100.99', 200_000, 'RU'));
  const found = replay(exfiltration, { ...low, countriesOfConcern: ['RU'] }, [...baseline(6), ...attack], 10 * MIN);
  const g = (score: number, severity: string, bytes: number, weightedBytes: number, lastMin: number) => ({
    entity: '10.0.0.1',
    severity,
    score,
    technique: 'T1048',
    title: 'Unusual outbound volume from 10.0.0.1',
    counts: { bytes, weightedBytes, baselineBytes: 37_032, threshold: 1_000_000 },
    firstSeen: 5 * HOUR,
    lastSeen: 5 * HOUR + lastMin * MIN,
  });
  // Reported on crossing (200 kB x rare 3 x country of concern 2 = 1.2 MB weighted), then as it doubles.
  assert.deepEqual(found.map(golden), [g(53, 'medium', 200_000, 1_200_000, 0), g(65, 'medium', 420_000, 2_404_000, 5), g(77, 'high', 840_000, 4_808_000, 15)]);
});

test('the same volume to a destination most hosts use stays under the threshold', () => {
  const upload = Array.from({ length: 6 }, (_, i) => up(T0 + 5 * HOUR + i * 5 * MIN, '10.0.0.1', '203.0.113.10', 200_000));
  assert.deepEqual(replay(exfiltration, low, [...baseline(6), ...upload], 10 * MIN), []);
});

test('destination weights', () => {
  const cfg = { weights: { popular: 0.2, rare: 3, countryOfConcern: 2 }, rareMaxHosts: 2, popularMin: 0.1 };
  assert.equal(destinationWeight(1, 0.001, false, true, cfg), 3);
  assert.equal(destinationWeight(1, 0.001, true, true, cfg), 6);
  assert.equal(destinationWeight(300, 0.5, false, true, cfg), 0.2);
  assert.equal(destinationWeight(10, 0.05, false, true, cfg), 1);
  assert.equal(destinationWeight(1, 0.001, false, false, cfg), 1);
});
