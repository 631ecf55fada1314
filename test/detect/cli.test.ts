import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

/** `vaern detect` end to end on fixture files (src/cli/commands/detect.ts). */
const NODE = process.execPath;
const FIX = 'test/fixtures/detect';

function detect(...args: string[]): { alerts: Record<string, unknown>[]; stderr: string; status: number | null } {
  const r = spawnSync(NODE, ['src/cli/main.ts', 'detect', '--no-enrich', '--config', `${FIX}/detect-low.yaml`, ...args], { encoding: 'utf8' });
  const alerts = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { alerts, stderr: r.stderr, status: r.status };
}

const get = (o: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

test('a FortiGate log (registry decoder) and an ECS NDJSON file in one event-time replay', () => {
  const { alerts, stderr, status } = detect(`${FIX}/fortigate-scan.log`, `${FIX}/vpn-bruteforce.ndjson`);
  assert.equal(status, 0, stderr);
  const summary = alerts.map((a) => [get(a, 'vaern.detector'), get(a, 'vaern.entity'), get(a, 'vaern.severity'), get(a, 'threat.technique.id')]);
  // Ordered by first seen: the VPN failures start at 07:00:00, the scan at 07:00:40.
  assert.deepEqual(summary, [
    ['brute-force', '203.0.113.9', 'high', 'T1110'],
    ['port-scan', '203.0.113.66', 'low', 'T1595'],
  ]);
  const [brute, scan] = [alerts[0]!, alerts[1]!];
  assert.equal(get(scan, 'event.kind'), 'alert');
  assert.equal(get(scan, 'event.start'), '2026-11-02T07:00:40.000Z');
  assert.deepEqual(get(scan, 'related.ip'), ['203.0.113.66', '10.30.0.10']);
  assert.equal(typeof get(scan, 'event.risk_score'), 'number');
  assert.equal((get(scan, 'vaern.evidence.samples') as unknown[]).length, 5);
  assert.equal(get(brute, 'vaern.tenant'), 'fixture');
  assert.equal(get(brute, 'vaern.alert.count'), 2);
  assert.match(stderr, /2 file\(s\), 48 events .* 2 alert\(s\) \(1 high, 1 low; 1 brute-force, 1 port-scan\); not enriched/);
});

test('directories are read recursively; a bad config or unknown format exits 2', () => {
  assert.equal(detect(FIX).alerts.length, 2);
  const bad = spawnSync(NODE, ['src/cli/main.ts', 'detect', '--no-enrich', '--format', 'nope', FIX], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown format "nope"/);
  const missing = spawnSync(NODE, ['src/cli/main.ts', 'detect', '--no-enrich', `${FIX}/absent.log`], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
});
