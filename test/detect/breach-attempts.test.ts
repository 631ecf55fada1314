import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breachAttempts, thresholdOf } from '../../src/detect/breach-attempts.ts';
import { HOUR, T0, ev, golden, replay } from './helpers.ts';

const denied = (ts: number, src: string, country: string, asn = 64500) =>
  ev(ts, { 'event.action': 'denied', 'network.direction': 'inbound', 'source.ip': src, 'destination.ip': '198.51.100.1', 'destination.port': 3389, 'source.geo.country_iso_code': country, 'source.as.number': asn });

const low = { learningBuckets: 3, minCount: 40, concernMinCount: 20, sigma: 3, ratio: 3, byAsn: false };

/** `perHour` attempts from `country` in each of `hours` hours starting at hour `from`. */
function steady(country: string, perHour: number, from: number, hours: number) {
  const out = [];
  for (let h = from; h < from + hours; h++) for (let i = 0; i < perHour; i++) out.push(denied(T0 + h * HOUR + i * (HOUR / perHour), `203.0.113.${i % 50}`, country));
  return out;
}

test('a spike from a country of concern against its baseline (golden)', () => {
  const events = [...steady('RU', 5, 0, 5), ...steady('RU', 30, 5, 1), ...steady('DE', 10, 0, 6)];
  const found = replay(breachAttempts, low, events, 10 * 60_000);
  assert.deepEqual(found.map(golden), [
    {
      entity: 'RU',
      severity: 'medium',
      score: 66,
      technique: 'T1133',
      title: 'Spike in denied inbound attempts from RU (country of concern)',
      counts: { attempts: 20, baselineMean: 5, threshold: 20, sources: 20 },
      firstSeen: 5 * HOUR,
      lastSeen: 5 * HOUR + 19 * 120_000,
    },
  ]);
});

test('no spike during learning, none for steady noise, busy countries need minCount', () => {
  assert.deepEqual(replay(breachAttempts, low, steady('CN', 100, 0, 2), 10 * 60_000), []);
  assert.deepEqual(replay(breachAttempts, low, steady('US', 30, 0, 8), 10 * 60_000), []);
  // DE jumps from 5 to 35 per hour: over 3x the mean but under minCount (40) for a country not of concern.
  assert.deepEqual(replay(breachAttempts, low, [...steady('DE', 5, 0, 5), ...steady('DE', 35, 5, 1)], 10 * 60_000), []);
});

test('a country first seen after learning is judged against a zero baseline; per-AS keys', () => {
  const found = replay(breachAttempts, { ...low, byAsn: true }, [...steady('DE', 5, 0, 4), ...steady('KP', 25, 4, 1)], 10 * 60_000);
  assert.deepEqual(found.map((f) => f.entity), ['KP', 'AS64500']);
});

test('threshold is the largest of floor, ratio x mean and mean + sigma x sd', () => {
  const cfg = { sigma: 3, ratio: 2, minCount: 10, concernMinCount: 4 };
  assert.equal(thresholdOf(cfg, { mean: 1, variance: 0, n: 5 }, true), 4);
  assert.equal(thresholdOf(cfg, { mean: 1, variance: 0, n: 5 }, false), 10);
  assert.equal(thresholdOf(cfg, { mean: 20, variance: 0, n: 5 }, false), 40);
  assert.equal(thresholdOf(cfg, { mean: 20, variance: 100, n: 5 }, false), 51);
});
