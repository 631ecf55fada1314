import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNetflowDecoder, type NetflowOutput } from '../../../src/telemetry/netflow/decoder.ts';
import { dataSet, record, v9OptionsTemplateSet, v9Packet, v9TemplateSet, type FieldSpec } from './builder.ts';
import { SRC, decodeAll } from './helpers.ts';

/** The perf harness generator's template: 13 fields, 35-byte records. */
const FIELDS: FieldSpec[] = [
  { id: 1, len: 4 }, { id: 2, len: 4 }, { id: 4, len: 1 }, { id: 5, len: 1 }, { id: 6, len: 1 }, { id: 7, len: 2 },
  { id: 8, len: 4 }, { id: 10, len: 2 }, { id: 11, len: 2 }, { id: 12, len: 4 }, { id: 14, len: 2 }, { id: 21, len: 4 }, { id: 22, len: 4 },
];
const HDR = { sysUptime: 3_600_000, unixSecs: 1_763_900_000, sourceId: 7 };
const rec = (src: string, bytes: number): Buffer => record(FIELDS, [bytes, 3, 6, 0, 0x12, 40000, src, 1, 443, '198.51.100.20', 2, 3_599_000, 3_590_000]);
const tpl = v9Packet(HDR, [v9TemplateSet([{ id: 256, fields: FIELDS }])]);

test('v9 template then data: ECS fields and times from sysUptime', () => {
  const out = decodeAll([tpl, v9Packet(HDR, [dataSet(256, [rec('203.0.113.5', 1500), rec('203.0.113.6', 60)], 2)])]);
  assert.deepEqual(out.rejects, []);
  assert.equal(out.events.length, 2);
  const e = out.events[0]!;
  assert.equal(e['source.ip'], '203.0.113.5');
  assert.equal(e['destination.port'], 443);
  assert.equal(e['source.bytes'], 1500);
  assert.equal(e['event.end'], 1_763_900_000_000 - 1_000);
  assert.equal(e['event.start'], 1_763_900_000_000 - 10_000);
  assert.equal(e['event.duration'], 9_000 * 1e6);
  assert.equal(e['observer.egress.interface.id'], '2');
});

test('templates are per exporter and source id', () => {
  const other = v9Packet({ ...HDR, sourceId: 8 }, [dataSet(256, [rec('203.0.113.5', 1)])]);
  const out = decodeAll([tpl, other], { holdMs: 1000 });
  assert.equal(out.events.length, 0, 'source id 8 has no template 256');
  const d = createNetflowDecoder();
  const o: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  d.decode(tpl, SRC, o);
  d.decode(v9Packet(HDR, [dataSet(256, [rec('203.0.113.5', 1)])]), { ...SRC, exporter: '192.0.2.99' }, o);
  assert.equal(o.events.length, 0, 'another exporter has no template 256');
  assert.equal(d.counters().held, 1);
});

test('data before its template is held, then replayed when the template comes', () => {
  const data = v9Packet(HDR, [dataSet(256, [rec('203.0.113.9', 99)])]);
  const out = decodeAll([data, tpl]);
  assert.equal(out.events.length, 1);
  assert.equal(out.events[0]!['source.ip'], '203.0.113.9');
  assert.equal(out.rejects.length, 0);
});

test('held data whose template never comes is counted as dropped after the hold time', () => {
  const d = createNetflowDecoder({ holdMs: 5000 });
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  d.decode(v9Packet(HDR, [dataSet(256, [rec('203.0.113.9', 99)])]), SRC, out);
  d.expire(SRC.receivedAt + 4999, out);
  assert.equal(out.rejects.length, 0);
  d.expire(SRC.receivedAt + 5000, out);
  assert.equal(d.counters().dropped, 1);
  assert.match(out.rejects[0]!.reason, /no template 256 from 192\.0\.2\.10\/7 within 5000 ms/);
});

test('the hold buffer is bounded per domain', () => {
  const data = v9Packet(HDR, [dataSet(256, [rec('203.0.113.9', 99)])]);
  const out = decodeAll([data, data, data], { holdPerDomain: 2 });
  assert.equal(out.rejects.length, 1);
  assert.match(out.rejects[0]!.reason, /hold buffer is full/);
});

test('options data sets the sampling interval, and flows are scaled by it', () => {
  const scope: FieldSpec[] = [{ id: 1, len: 4 }]; // scope "system": type 1 is not octetDeltaCount here
  const opts: FieldSpec[] = [{ id: 34, len: 4 }, { id: 35, len: 1 }];
  const optTpl = v9Packet(HDR, [v9OptionsTemplateSet(300, scope, opts)]);
  const optData = v9Packet(HDR, [dataSet(300, [record([...scope, ...opts], [0, 64, 2])], 3)]);
  const out = decodeAll([optTpl, optData, tpl, v9Packet(HDR, [dataSet(256, [rec('203.0.113.5', 1000)])])]);
  assert.equal(out.optionsRecords, 1);
  const e = out.events[0]!;
  assert.equal(e['vaern.sampling_interval'], 64);
  assert.equal(e['source.bytes'], 64_000);
  assert.equal(e['source.packets'], 192);
});

test('IPv6, MAC and NAT fields', () => {
  const f: FieldSpec[] = [{ id: 27, len: 16 }, { id: 28, len: 16 }, { id: 56, len: 6 }, { id: 4, len: 1 }, { id: 225, len: 4 }, { id: 227, len: 2 }];
  const r = record(f, ['2001:db8::1', 'fe80::5187:5cd8:d750:cdc9', Buffer.from([0, 0x50, 0x56, 0xc0, 0, 1]), 58, '198.51.100.1', 61000]);
  const e = decodeAll([v9Packet(HDR, [v9TemplateSet([{ id: 400, fields: f }]), dataSet(400, [r])])]).events[0]!;
  assert.equal(e['source.ip'], '2001:db8::1');
  assert.equal(e['destination.ip'], 'fe80::5187:5cd8:d750:cdc9');
  assert.equal(e['network.type'], 'ipv6');
  assert.equal(e['network.transport'], 'ipv6-icmp');
  assert.equal(e['source.mac'], '00-50-56-C0-00-01');
  assert.equal(e['source.nat.ip'], '198.51.100.1');
  assert.equal(e['source.nat.port'], 61000);
});

test('malformed v9 gives rejects with reasons, keeps what decoded before the fault', () => {
  const data = v9Packet(HDR, [dataSet(256, [rec('203.0.113.5', 1)])]);
  const zeroLen = Buffer.concat([data, Buffer.from([1, 0, 0, 0, 9, 9])]);
  const bad = decodeAll([tpl, zeroLen]);
  assert.equal(bad.events.length, 1);
  assert.match(bad.rejects[0]!.reason, /flowset 256 at offset \d+ has length 0/);
  const long = Buffer.from(data);
  long.writeUInt16BE(2000, 22);
  assert.match(decodeAll([tpl, long]).rejects[0]!.reason, /needs 2000 bytes/);
  assert.match(decodeAll([Buffer.from([0, 9, 0])]).rejects[0]!.reason, /v9 header needs 20 bytes/);
  assert.match(decodeAll([Buffer.from([0, 7, 0, 0])]).rejects[0]!.reason, /unknown version 7/);
  assert.match(decodeAll([Buffer.alloc(0)]).rejects[0]!.reason, /datagram of 0 bytes/);
});

test('zero padding after the last flowset is not an error', () => {
  const out = decodeAll([tpl, Buffer.concat([v9Packet(HDR, [dataSet(256, [rec('203.0.113.5', 1)])]), Buffer.alloc(400)])]);
  assert.equal(out.events.length, 1);
  assert.equal(out.rejects.length, 0);
});
