import assert from 'node:assert/strict';
import { test } from 'node:test';
import { v5Packet } from './builder.ts';
import { decodeAll } from './helpers.ts';

const HDR = { sysUptime: 100_000, unixSecs: 1_700_000_000, unixNsecs: 250_000_000 };
const FLOW = { src: '10.0.0.1', dst: '198.51.100.7', sport: 51000, dport: 443, proto: 6, packets: 10, bytes: 4200, first: 90_000, last: 99_000, flags: 0x1b, input: 2, output: 1 };

test('v5 records become flow events with times from sysUptime', () => {
  const out = decodeAll([v5Packet(HDR, [FLOW, { ...FLOW, src: '10.0.0.2', proto: 17, flags: 0 }])]);
  assert.equal(out.rejects.length, 0);
  assert.equal(out.events.length, 2);
  const e = out.events[0]!;
  assert.equal(e['source.ip'], '10.0.0.1');
  assert.equal(e['destination.ip'], '198.51.100.7');
  assert.equal(e['source.port'], 51000);
  assert.equal(e['destination.port'], 443);
  assert.equal(e['network.transport'], 'tcp');
  assert.equal(e['network.iana_number'], '6');
  assert.equal(e['source.bytes'], 4200);
  assert.equal(e['network.packets'], 10);
  assert.equal(e['vaern.tcp_flags'], 0x1b);
  assert.equal(e['observer.ingress.interface.id'], '2');
  assert.equal(e['observer.ip'], '192.0.2.10');
  assert.equal(e['vaern.tenant'], 'nordby');
  const exportMs = 1_700_000_000_250;
  assert.equal(e['event.end'], exportMs - 1_000);
  assert.equal(e['event.start'], exportMs - 10_000);
  assert.equal(e['@timestamp'], e['event.end']);
  assert.equal(out.events[1]!['network.transport'], 'udp');
});

test('v5 header sampling scales bytes and packets', () => {
  const e = decodeAll([v5Packet({ ...HDR, sampling: 0x4000 | 100 }, [FLOW])]).events[0]!;
  assert.equal(e['vaern.sampling_interval'], 100);
  assert.equal(e['source.bytes'], 420_000);
  assert.equal(e['source.packets'], 1000);
});

test('v5 with fewer records than announced keeps the whole ones and rejects the rest', () => {
  const p = v5Packet(HDR, [FLOW, FLOW], 3);
  const out = decodeAll([p]);
  assert.equal(out.events.length, 2);
  assert.match(out.rejects[0]!.reason, /announces 3 records, datagram holds 2/);
  const cut = decodeAll([p.subarray(0, 30)]);
  assert.equal(cut.events.length, 0);
  assert.equal(cut.rejects.length, 1);
});
