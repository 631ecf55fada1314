import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VaernEvent } from '../../src/model/event.ts';
import { BackgroundReplay } from '../../eval/background.ts';
import { loadCorpora, type CorpusLoad } from '../../eval/corpora.ts';
import { Rng } from '../../eval/random.ts';
import { DAY, HOUR, TENANT } from '../../eval/world.ts';

/** The eval's real-background replay (eval/background.ts), on a hand-made capture. */

const START = Date.UTC(2026, 2, 2);
const REAL = Date.UTC(2018, 2, 24, 17, 0);

function capture(): VaernEvent[] {
  const conn = (dt: number, src: string, dst: string, port: number): VaernEvent => ({
    '@timestamp': REAL + dt,
    'vaern.tenant': TENANT,
    'vaern.sensor': 'bg-firewall',
    'event.start': REAL + dt - 500,
    'source.ip': src,
    'destination.ip': dst,
    'destination.port': port,
    'related.ip': [src, dst],
  });
  return [
    conn(0, '192.168.7.10', '8.8.8.8', 53),
    conn(2_000, '192.168.7.11', '192.168.9.5', 445),
    // A sample stitched from two captures months apart: the gap is cut to a minute.
    conn(90 * DAY, '192.168.7.10', '10.0.0.1', 3389),
  ];
}

function load(): CorpusLoad {
  return { sources: [{ name: 'firewall', what: 'test', segments: [{ origin: 'x', events: capture() }], files: 1, rejects: 0 }], missing: [] };
}

function replayAll(replay: BackgroundReplay, days: number): VaernEvent[] {
  const out: VaernEvent[] = [];
  for (let h = START; h < START + days * DAY; h += HOUR) out.push(...replay.hour(h));
  return out.sort((a, b) => a['@timestamp'] - b['@timestamp']);
}

test('replay keeps intervals and structure, renumbers private /24s into the source network, enriches', () => {
  const replay = new BackgroundReplay(load(), START, 1, new Rng(1));
  const events = replayAll(replay, 1);
  // A first-hours (learning) episode plus four a day.
  assert.equal(events.length, 3 * 5);
  const first = events.slice(0, 3);
  const t0 = first[0]!['@timestamp'];
  assert.ok(t0 >= START && t0 < START + 2 * HOUR);
  assert.deepEqual(first.map((e) => e['@timestamp'] - t0), [0, 2_000, 62_000]);
  assert.equal(first[0]!['event.start'], t0 - 500);
  // Same /24 -> same /24, host part kept; public addresses untouched.
  assert.deepEqual(first.map((e) => [e['source.ip'], e['destination.ip']]), [
    ['10.24.0.10', '8.8.8.8'],
    ['10.24.0.11', '10.24.1.5'],
    ['10.24.0.10', '10.24.2.1'],
  ]);
  assert.deepEqual(first[1]!['related.ip'], ['10.24.0.11', '10.24.1.5']);
  assert.equal(first[0]!['network.direction'], 'outbound');
  assert.equal(first[1]!['network.direction'], 'internal');
  assert.equal(replay.sourceOf('10.24.1.5'), 'firewall');
  assert.equal(replay.original('10.24.1.5'), '192.168.9.5');
  assert.equal(replay.mapped('firewall', '192.168.7.11'), '10.24.0.11');
  // The day's four episodes fall in separate quarters of the day, never overlapping.
  const starts = events.filter((e) => e['destination.port'] === 53).map((e) => e['@timestamp']);
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! > 62_000);
  assert.equal(replay.hostDays('firewall'), 4);
});

test('episodes of the first day replay only what the filter keeps; later ones replay everything', () => {
  const replay = new BackgroundReplay(load(), START, 2, new Rng(2), (_source, e) => e['destination.port'] !== 445);
  const events = replayAll(replay, 2);
  assert.equal(events.filter((e) => e['destination.port'] === 53).length, 9);
  const smb = events.filter((e) => e['destination.port'] === 445);
  assert.equal(smb.length, 4);
  assert.ok(smb.every((e) => e['@timestamp'] >= START + DAY));
  assert.equal(replay.episodesOf('firewall').length, 4);
});

test('missing corpora are named, not an error', async () => {
  const got = await loadCorpora('/nonexistent/corpora', TENANT);
  assert.deepEqual(got.sources, []);
  assert.deepEqual(got.missing, ['zed-sample-data', 'zeek/testing/btest/Baseline', 'flowbeat, logstash-codec-netflow', 'elastic-integrations']);
});
