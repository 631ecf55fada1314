import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectorConfig } from '../../src/detect/config.ts';
import { intelHit } from '../../src/detect/intel-hit.ts';
import { newDestination } from '../../src/detect/new-destination.ts';
import { mapSeverity, suricataAlert } from '../../src/detect/suricata-alert.ts';
import { HOUR, MIN, T0, ev, flow, golden, replay } from './helpers.ts';

test('intel hit: allowed outbound to a listed address is high, throttled per host and indicator (golden)', () => {
  const hit = (ts: number, action = 'allowed') =>
    flow(ts, '10.0.0.60', '198.51.100.77', 443, { 'event.action': action, 'network.direction': 'outbound', 'threat.indicator.matched.atomic': '198.51.100.77', 'threat.indicator.matched.field': 'destination.ip', 'threat.indicator.provider': 'test-feed', 'threat.indicator.confidence': 'Medium' });
  const found = replay(intelHit, {}, [hit(T0), hit(T0 + MIN), hit(T0 + 2 * MIN), hit(T0 + HOUR + MIN)]);
  assert.deepEqual(found.map(golden), [
    { entity: '10.0.0.60|198.51.100.77', severity: 'high', score: 70, technique: 'T1071', title: 'Traffic to listed indicator 198.51.100.77 (10.0.0.60)', counts: { hits: 1 }, firstSeen: 0, lastSeen: 0 },
    { entity: '10.0.0.60|198.51.100.77', severity: 'high', score: 74, technique: 'T1071', title: 'Traffic to listed indicator 198.51.100.77 (10.0.0.60)', counts: { hits: 4 }, firstSeen: 0, lastSeen: HOUR + MIN },
  ]);
  const inbound = flow(T0, '198.51.100.77', '10.0.0.60', 22, { 'event.action': 'denied', 'network.direction': 'inbound', 'threat.indicator.matched.atomic': '198.51.100.77' });
  assert.deepEqual(replay(intelHit, {}, [inbound]), []);
  assert.equal(replay(intelHit, { reportDeniedInbound: true }, [inbound])[0]?.severity, 'medium');
});

test('suricata alert: severity table, blocked cap, per-rule technique (golden)', () => {
  const alert = (sev: number, action = 'allowed') =>
    ev(T0, { 'event.kind': 'alert', 'rule.id': '2027758', 'rule.name': 'ET TROJAN test', 'event.severity': sev, 'event.action': action, 'source.ip': '10.0.0.70', 'destination.ip': '198.51.100.70', 'destination.port': 443, 'network.direction': 'outbound' });
  const found = replay(suricataAlert, { techniques: { '2027758': { id: 'T1071.001', name: 'Application Layer Protocol: Web Protocols' } } }, [alert(1)]);
  assert.deepEqual(found.map(golden), [
    { entity: '2027758|10.0.0.70', severity: 'high', score: 65, technique: 'T1071.001', title: 'ET TROJAN test', counts: { hits: 1 }, firstSeen: 0, lastSeen: 0 },
  ]);
  const cfg = detectorConfig(suricataAlert);
  assert.deepEqual([1, 2, 3, 4, undefined].map((s) => mapSeverity(cfg, s, false)), ['high', 'medium', 'low', 'low', 'low']);
  assert.equal(mapSeverity(cfg, 1, true), 'medium');
  assert.deepEqual(replay(suricataAlert, { ignoreRules: ['2027758'] }, [alert(1)]), []);
});

test('suricata alert: Zeek notices about certificate validation are not raised by default; attack notices are', () => {
  const notice = (ts: number, note: string, src: string) =>
    ev(ts, { 'event.kind': 'alert', 'rule.id': note, 'rule.name': note, 'rule.ruleset': 'zeek-notice', 'source.ip': src, 'destination.ip': '10.0.9.9', 'destination.port': 443, 'network.direction': 'internal' });
  const found = replay(suricataAlert, {}, [notice(T0, 'SSL::Invalid_Server_Cert', '10.0.0.71'), notice(T0 + MIN, 'CaptureLoss::Too_Much_Loss', '10.0.0.72'), notice(T0 + 2 * MIN, 'Scan::Port_Scan', '10.0.0.73')]);
  assert.deepEqual(found.map((f) => [f.entity, f.severity]), [['Scan::Port_Scan|10.0.0.73', 'low']]);
});

test('new destination: country of concern after learning, new AS off the web ports (golden)', () => {
  const out = (ts: number, src: string, dst: string, port: number, country: string, asn: number) =>
    flow(ts, src, dst, port, { 'network.direction': 'outbound', 'destination.geo.country_iso_code': country, 'destination.as.number': asn });
  const learning = [out(T0, '10.0.0.80', '198.51.100.1', 443, 'DK', 3292), out(T0 + MIN, '10.0.0.81', '198.51.100.2', 443, 'DE', 3320)];
  const later = [
    out(T0 + 2 * HOUR, '10.0.0.80', '198.51.100.3', 443, 'SE', 1257), // new country on a web port, not of concern: silent
    out(T0 + 2 * HOUR + MIN, '10.0.0.80', '175.45.176.1', 443, 'KP', 131279),
    out(T0 + 2 * HOUR + 2 * MIN, '10.0.0.81', '198.51.100.9', 4444, 'DE', 64512),
    out(T0 + 2 * HOUR + 3 * MIN, '10.0.0.81', '198.51.100.9', 4444, 'DE', 64512), // same AS again: no longer new
  ];
  const found = replay(newDestination, { learningMs: '1h' }, [...learning, ...later], 10 * MIN);
  assert.deepEqual(found.map(golden), [
    { entity: '10.0.0.80>KP', severity: 'medium', score: 65, technique: 'T1071', title: '10.0.0.80 reached KP for the first time', counts: { internalHostsReachingBefore: 0 }, firstSeen: 2 * HOUR + MIN, lastSeen: 2 * HOUR + MIN },
    { entity: '10.0.0.81>AS64512', severity: 'low', score: 45, technique: 'T1071', title: '10.0.0.81 reached a network new to the tenant (AS64512)', counts: { internalHostsReachingBefore: 0 }, firstSeen: 2 * HOUR + 2 * MIN, lastSeen: 2 * HOUR + 2 * MIN },
  ]);
});
