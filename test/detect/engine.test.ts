import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDetectConfig } from '../../src/detect/config.ts';
import type { AlertUpdate } from '../../src/detect/alert.ts';
import { traitsOf, type RegisteredDetector } from '../../src/detect/detector.ts';
import { createDetectionEngine } from '../../src/detect/engine.ts';
import { DETECTORS } from '../../src/detect/registry.ts';
import type { VaernEvent } from '../../src/model/event.ts';
import { MIN, T0, flow } from './helpers.ts';

const config = parseDetectConfig({
  detectors: {
    'port-scan': { learningMs: 0, internal: { horizontalShort: 5, horizontalLong: 8, verticalShort: 5, verticalLong: 8, severity: 'medium' } },
    'brute-force': { failures: 4, successAfterFailures: 2 },
    'new-destination': { enabled: false },
  },
});

const scan = (tenant: string, src: string, n: number, start: number): VaernEvent[] =>
  Array.from({ length: n }, (_, i) => ({ ...flow(start + i * 1000, src, `10.9.0.${i + 1}`, 445, { 'event.action': 'denied' }), 'vaern.tenant': tenant }));
const fail = (tenant: string, ts: number, ok = false): VaernEvent => ({
  '@timestamp': ts,
  'vaern.tenant': tenant,
  'event.category': ['authentication'],
  'event.outcome': ok ? 'success' : 'failure',
  'source.ip': '203.0.113.4',
  'user.name': 'admin',
  'destination.port': 22,
});

test('a mixed batch: per-tenant state, dedup across batches, one update per alert', () => {
  const engine = createDetectionEngine(config);
  // Tenant a scans 6 hosts, tenant b 3 hosts from the same address: only a crosses the threshold.
  const batch1 = [...scan('a', '10.0.0.66', 6, T0), ...scan('b', '10.0.0.66', 3, T0), ...[0, 1, 2, 3].map((i) => fail('b', T0 + i * 1000))].sort((x, y) => x['@timestamp'] - y['@timestamp']);
  const u1 = engine.process(batch1, T0 + MIN);
  assert.deepEqual(
    u1.map((u) => [u.kind, u.alert.tenant, u.alert.detector, u.alert.entity, u.alert.severity]),
    // Findings are folded in event-time order (the brute force's last failure precedes the scan's fifth host).
    [
      ['created', 'b', 'brute-force', '203.0.113.4', 'medium'],
      ['created', 'a', 'port-scan', '10.0.0.66', 'medium'],
    ],
  );
  // More of the same scan in a later batch updates the same alert; a success after failures raises brute force to high.
  const u2 = engine.process([...scan('a', '10.0.0.66', 12, T0 + 2 * MIN), fail('b', T0 + 3 * MIN, true)], T0 + 4 * MIN);
  assert.deepEqual(
    u2.map((u) => [u.kind, u.alert.tenant, u.alert.detector, u.alert.severity, u.alert.count]),
    [
      ['updated', 'a', 'port-scan', 'medium', 2],
      ['updated', 'b', 'brute-force', 'high', 2],
    ],
  );
  assert.equal(u2[0]!.alert.id, u1[1]!.alert.id);
  const stats = engine.stats();
  assert.equal(stats.tenants, 2);
  assert.equal(stats.events, batch1.length + 13);
  engine.evict(T0 + 30 * 24 * 60 * MIN);
});

test('disabled detectors do not run; suppressions from config apply', () => {
  const cfg = parseDetectConfig({
    detectors: { 'port-scan': { enabled: false } },
    suppressions: [{ tenant: 'b', detector: 'brute-force', match: { ip: '203.0.113.0/24' }, reason: 'pen test', owner: 'soc', expiresAt: T0 + 3_600_000 }],
  });
  const engine = createDetectionEngine(cfg);
  const events = [...scan('a', '10.0.0.66', 40, T0), ...Array.from({ length: 30 }, (_, i) => fail('b', T0 + i * 1000))];
  assert.deepEqual(engine.process(events.sort((x, y) => x['@timestamp'] - y['@timestamp']), T0 + MIN), []);
  assert.equal(engine.dedup.suppressed.get('rule-0'), 1);
});

test('routing hands each detector only events it uses, and changes no finding', () => {
  const events: VaernEvent[] = [
    ...scan('a', '10.0.0.66', 12, T0),
    ...Array.from({ length: 40 }, (_, i) => flow(T0 + i * 500, `203.0.113.${i % 7}`, '10.0.0.5', 22, { 'event.action': 'denied', 'network.direction': 'inbound' })),
    ...Array.from({ length: 6 }, (_, i) => ({ ...fail('a', T0 + i * 900, i === 5) })),
    ...Array.from({ length: 30 }, (_, i) => flow(T0 + i * 700, '10.0.0.7', `198.51.100.${i}`, 8443, { 'network.direction': 'outbound', 'source.bytes': 1e6, 'event.duration': 4e12 })),
    ...Array.from({ length: 20 }, (_, i) => flow(T0 + i * 300, '10.0.0.8', `10.0.1.${i}`, 445, { 'network.direction': 'internal' })),
    ...Array.from({ length: 20 }, (_, i) => ({ ...flow(T0 + i * 100, '10.0.0.9', '10.0.0.53', 53), 'dns.question.name': `x${i}aaaaaaaaaaaaaaaaaaaaaaaaaa.tunnel.example` })),
    { ...flow(T0 + 5, '10.0.0.10', '192.0.2.1', 443, { 'event.kind': 'alert', 'rule.id': '2019401' }), 'vaern.tenant': 'a' },
    { ...flow(T0 + 6, '10.0.0.11', '192.0.2.2', 443, { 'threat.indicator.matched.atomic': '192.0.2.2' }), 'vaern.tenant': 'a' },
  ]
    .map((e) => ({ ...e, 'vaern.tenant': 'a' }))
    .sort((x, y) => x['@timestamp'] - y['@timestamp']);
  const unrouted = DETECTORS.map((d) => ({ ...d, route: undefined }));
  const run = (detectors: readonly RegisteredDetector[]): AlertUpdate[] => {
    const engine = createDetectionEngine(config, detectors);
    return [...engine.process(events.slice(0, 60), T0 + MIN), ...engine.process(events.slice(60), T0 + 2 * MIN)];
  };
  const routed = run(DETECTORS);
  assert.deepEqual(routed, run(unrouted));
  assert.ok(new Set(routed.map((u) => u.alert.detector)).size >= 3, 'several detectors fire');

  // Each kind of event reaches the detectors that use it, and no other.
  const takers = (e: VaernEvent): string[] => {
    const t = traitsOf(e);
    return DETECTORS.filter(({ route: r }) => r === undefined || (((t & (r.all ?? 0)) === (r.all ?? 0)) && (r.any === undefined || (t & r.any) !== 0) && (t & (r.none ?? 0)) === 0)).map((d) => d.id);
  };
  assert.deepEqual(takers(fail('a', T0)), ['brute-force']);
  assert.deepEqual(takers(events.find((e) => e['dns.question.name'] !== undefined)!), ['lateral-movement', 'dns-tunnelling']);
  assert.deepEqual(takers(flow(T0, '10.0.0.7', '198.51.100.1', 443, { 'network.direction': 'outbound' })), ['port-scan', 'beaconing', 'long-connections', 'exfiltration', 'new-destination']);
});
