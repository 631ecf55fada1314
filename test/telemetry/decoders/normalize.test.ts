import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  canonicalIp, normalizeAction, parseInteger, parsePort, parseUint, protocolName, protocolNumber, setAction, setProtocol,
} from '../../../src/telemetry/decoders/normalize.ts';
import type { VaernEvent } from '../../../src/model/event.ts';

const blank = (): VaernEvent => ({ '@timestamp': 0, 'vaern.tenant': 't' });

test('protocol numbers and names', () => {
  assert.equal(protocolName(6), 'tcp');
  assert.equal(protocolName(58), 'ipv6-icmp');
  assert.equal(protocolName(250), undefined);
  assert.equal(protocolNumber('UDP'), 17);
  assert.equal(protocolNumber('icmpv6'), 58);
  const a = blank();
  setProtocol(a, '17');
  assert.deepEqual([a['network.transport'], a['network.iana_number']], ['udp', '17']);
  const b = blank();
  setProtocol(b, 'TCP');
  assert.deepEqual([b['network.transport'], b['network.iana_number']], ['tcp', '6']);
  const c = blank();
  setProtocol(c, 'weird');
  assert.deepEqual([c['network.transport'], c['network.iana_number']], ['weird', undefined]);
  const d = blank();
  setProtocol(d, '999');
  assert.equal(d['network.iana_number'], undefined);
});

test('action words', () => {
  for (const w of ['accept', 'PASS', 'allow', 'close', 'Permit', 'passthrough']) assert.equal(normalizeAction(w), 'allowed', w);
  for (const w of ['deny', 'DROP', 'block', 'blocked', 'reject', 'reset-both']) assert.equal(normalizeAction(w), 'denied', w);
  assert.equal(normalizeAction('login'), undefined);
  const e: VaernEvent = { ...blank(), 'event.type': ['connection'] };
  setAction(e, 'block');
  assert.deepEqual([e['event.action'], e['vaern.vendor_action'], e['event.type']], ['denied', 'block', ['connection', 'denied']]);
});

test('IP canonical form', () => {
  assert.equal(canonicalIp('10.0.0.1'), '10.0.0.1');
  assert.equal(canonicalIp('010.000.000.001'), '10.0.0.1');
  assert.equal(canonicalIp('256.1.1.1'), undefined);
  assert.equal(canonicalIp('1.2.3'), undefined);
  assert.equal(canonicalIp('fe80:0000:0000:0000:0084:88ff:feae:790a'), 'fe80::84:88ff:feae:790a');
  assert.equal(canonicalIp('2001:DB8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  assert.equal(canonicalIp('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(canonicalIp('::'), '::');
  assert.equal(canonicalIp('::1'), '::1');
  assert.equal(canonicalIp('::ffff:192.0.2.1'), '::ffff:192.0.2.1');
  assert.equal(canonicalIp('::FFFF:c000:0201'), '::ffff:192.0.2.1');
  assert.equal(canonicalIp('fe80::1%eth0'), 'fe80::1');
  assert.equal(canonicalIp('1::2::3'), undefined);
  assert.equal(canonicalIp('1:2:3:4:5:6:7:8:9'), undefined);
  assert.equal(canonicalIp('not-an-ip'), undefined);
});

test('IPv6 canonical form agrees with the URL parser on random addresses', () => {
  fc.assert(fc.property(fc.ipV6(), (ip) => {
    const ours = canonicalIp(ip);
    const url = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
    // The URL parser writes IPv4-mapped addresses in hex; RFC 5952 prefers dotted. Compare the rest.
    if (!url.startsWith('::ffff:')) assert.equal(ours, url);
    assert.equal(canonicalIp(ours!), ours);
  }), { numRuns: 3000 });
});

test('integers', () => {
  assert.equal(parseUint('0'), 0);
  assert.equal(parseUint('12345'), 12345);
  assert.equal(parseUint(''), undefined);
  assert.equal(parseUint('1e3'), undefined);
  assert.equal(parseUint('99999999999999999'), undefined);
  assert.equal(parseInteger('-5'), -5);
  assert.equal(parsePort('65535'), 65535);
  assert.equal(parsePort('65536'), undefined);
});
