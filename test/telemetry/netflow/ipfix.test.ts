import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataSet, ipfixOptionsTemplateSet, ipfixPacket, ipfixTemplateSet, record, varlen, type FieldSpec } from './builder.ts';
import { decodeAll } from './helpers.ts';

const HDR = { exportTime: 1_763_900_000, domain: 3 };
const REVERSE = 29305;

test('IPFIX biflow: reverse IEs (RFC 5103), unknown enterprise fields skipped by length, absolute times', () => {
  const f: FieldSpec[] = [
    { id: 8, len: 4 }, { id: 12, len: 4 }, { id: 7, len: 2 }, { id: 11, len: 2 }, { id: 4, len: 1 },
    { id: 1, len: 8 }, { id: 2, len: 8 }, { id: 1, len: 8, pen: REVERSE }, { id: 2, len: 8, pen: REVERSE },
    { id: 100, len: 5, pen: 9 }, // an unknown vendor field
    { id: 152, len: 8 }, { id: 153, len: 8 },
  ];
  const r = record(f, ['10.1.1.1', '192.0.2.80', 50000, 80, 6, 700, 7, 90_000, 60, Buffer.from('vendr'), 1_763_899_990_000n, 1_763_899_999_500n]);
  const out = decodeAll([ipfixPacket(HDR, [ipfixTemplateSet([{ id: 256, fields: f }]), dataSet(256, [r])])]);
  assert.deepEqual(out.rejects, []);
  const e = out.events[0]!;
  assert.equal(e['source.bytes'], 700);
  assert.equal(e['destination.bytes'], 90_000);
  assert.equal(e['destination.packets'], 60);
  assert.equal(e['network.bytes'], 90_700);
  assert.equal(e['network.packets'], 67);
  assert.equal(e['event.start'], 1_763_899_990_000);
  assert.equal(e['@timestamp'], 1_763_899_999_500);
});

test('IPFIX variable-length fields, short and 255-escaped, are skipped by their length', () => {
  const f: FieldSpec[] = [{ id: 8, len: 4 }, { id: 82, len: 65535 }, { id: 12, len: 4 }, { id: 83, len: 65535 }, { id: 7, len: 2 }];
  const long = Buffer.alloc(300, 0x61);
  const r1 = Buffer.concat([record([f[0]!], ['10.0.0.1']), varlen(Buffer.from('eth0')), record([f[2]!], ['10.0.0.2']), varlen(long), record([f[4]!], [53])]);
  const r2 = Buffer.concat([record([f[0]!], ['10.0.0.3']), varlen(Buffer.alloc(0)), record([f[2]!], ['10.0.0.4']), varlen(Buffer.from('x')), record([f[4]!], [54])]);
  const out = decodeAll([ipfixPacket(HDR, [ipfixTemplateSet([{ id: 257, fields: f }]), dataSet(257, [r1, r2])])]);
  assert.deepEqual(out.rejects, []);
  assert.deepEqual(out.events.map((e) => [e['source.ip'], e['destination.ip'], e['source.port']]), [['10.0.0.1', '10.0.0.2', 53], ['10.0.0.3', '10.0.0.4', 54]]);
  // A length byte that runs past the set is a reject, not a throw.
  const bad = Buffer.concat([record([f[0]!], ['10.0.0.1']), Buffer.from([200]), Buffer.alloc(12, 1)]);
  const out2 = decodeAll([ipfixPacket(HDR, [ipfixTemplateSet([{ id: 257, fields: f }]), dataSet(257, [bad])])]);
  assert.match(out2.rejects[0]!.reason, /runs past its set/);
});

test('IPFIX options: systemInitTimeMilliseconds anchors flow*SysUpTime, sampling interval scales', () => {
  const opt: FieldSpec[] = [{ id: 149, len: 4 }, { id: 160, len: 8 }, { id: 305, len: 4 }, { id: 306, len: 4 }];
  const optData = record(opt, [3, 1_763_000_000_000n, 1, 9]);
  const f: FieldSpec[] = [{ id: 8, len: 4 }, { id: 1, len: 4 }, { id: 22, len: 4 }, { id: 21, len: 4 }];
  const out = decodeAll([
    ipfixPacket(HDR, [ipfixOptionsTemplateSet(258, 1, opt), dataSet(258, [optData])]),
    ipfixPacket(HDR, [ipfixTemplateSet([{ id: 259, fields: f }]), dataSet(259, [record(f, ['10.0.0.9', 100, 5_000, 6_000])])]),
  ]);
  assert.equal(out.optionsRecords, 1);
  const e = out.events[0]!;
  assert.equal(e['event.start'], 1_763_000_005_000);
  assert.equal(e['event.end'], 1_763_000_006_000);
  assert.equal(e['vaern.sampling_interval'], 10);
  assert.equal(e['source.bytes'], 1000);
});

test('IPFIX template withdrawal and bad message lengths', () => {
  const f: FieldSpec[] = [{ id: 8, len: 4 }];
  const withdraw = Buffer.from([0, 2, 0, 8, 1, 4, 0, 0]); // set 2: template 260, 0 fields
  const out = decodeAll([
    ipfixPacket(HDR, [ipfixTemplateSet([{ id: 260, fields: f }])]),
    ipfixPacket(HDR, [withdraw]),
    ipfixPacket(HDR, [dataSet(260, [record(f, ['10.0.0.1'])])]),
  ], { holdMs: 0 });
  assert.equal(out.events.length, 0);
  const p = ipfixPacket(HDR, [dataSet(260, [record(f, ['10.0.0.1'])])]);
  const longer = Buffer.from(p);
  longer.writeUInt16BE(p.length + 10, 2);
  assert.match(decodeAll([longer]).rejects[0]!.reason, /IPFIX message length/);
});
