import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { countFlows, openFlowLog, readFlows, RECORD } from '../../../src/telemetry/netflow/flow-log.ts';
import {
  dataSet, ipfixOptionsTemplateSet, ipfixPacket, ipfixTemplateSet, record, v5Packet, v9OptionsTemplateSet, v9Packet, v9TemplateSet, varlen,
  type FieldSpec,
} from './builder.ts';
import { asStored, decodeAll } from './helpers.ts';

const V9 = { sysUptime: 600_000, unixSecs: 1_763_900_000, sourceId: 7 };
const IPFIX = { exportTime: 1_763_900_000, domain: 3 };
const REVERSE = 29305;

/** Datagrams that exercise every kept field and the decoder state the records depend on. */
function packets(): Buffer[] {
  // v9: sampling announced by options data; IPv4 with flags, interfaces, direction, uptime clocks,
  // and AS, MAC and NAT fields the log drops.
  const scope: FieldSpec[] = [{ id: 1, len: 4 }];
  const opt: FieldSpec[] = [{ id: 34, len: 4 }];
  const v9f: FieldSpec[] = [
    { id: 8, len: 4 }, { id: 12, len: 4 }, { id: 7, len: 2 }, { id: 11, len: 2 }, { id: 4, len: 1 }, { id: 6, len: 1 },
    { id: 1, len: 4 }, { id: 2, len: 4 }, { id: 10, len: 2 }, { id: 14, len: 4 }, { id: 61, len: 1 }, { id: 22, len: 4 }, { id: 21, len: 4 },
    { id: 16, len: 4 }, { id: 17, len: 2 }, { id: 56, len: 6 }, { id: 225, len: 4 }, { id: 227, len: 2 },
  ];
  const mac = Buffer.from([0, 0x1b, 0x21, 0xaa, 0xbb, 0xcc]);
  const v9recs = [
    record(v9f, ['203.0.113.5', '198.51.100.20', 40000, 443, 6, 0x12, 1500, 3, 1, 4_000_000_000, 0, 590_000, 599_000, 64500, 3301, mac, '198.51.100.1', 1024]),
    record(v9f, ['10.20.1.9', '192.0.2.53', 53000, 53, 17, 0, 80, 1, 2, 1, 1, 599_999, 600_001, 0, 0, mac, '0.0.0.0', 0]),
    record(v9f, ['192.0.2.7', '192.0.2.8', 0, 0, 253, 0, 9, 1, 3, 3, 5, 1, 2, 0, 0, mac, '0.0.0.0', 0]),
  ];
  // IPFIX: data before its template (held, then replayed), IPv6 including an IPv4-mapped source,
  // a biflow's reverse counters, a variable-length and an enterprise field, absolute ms times.
  const ipf: FieldSpec[] = [
    { id: 27, len: 16 }, { id: 28, len: 16 }, { id: 7, len: 2 }, { id: 11, len: 2 }, { id: 4, len: 1 },
    { id: 1, len: 8 }, { id: 2, len: 8 }, { id: 1, len: 8, pen: REVERSE }, { id: 2, len: 8, pen: REVERSE },
    { id: 82, len: 65535 }, { id: 100, len: 3, pen: 9 }, { id: 152, len: 8 }, { id: 153, len: 8 },
  ];
  const ipRec = (src: string, dst: string, name: string): Buffer =>
    Buffer.concat([
      record(ipf.slice(0, 9), [src, dst, 50000, 80, 6, 700, 7, 90_000, 60]),
      varlen(Buffer.from(name)),
      record(ipf.slice(10), [Buffer.from('abc'), 1_763_899_990_000n, 1_763_899_999_500n]),
    ]);
  const ipfixData = dataSet(300, [ipRec('2001:db8::1', 'fe80::1', 'eth0'), ipRec('::ffff:a00:1', '2001:db8:0:1::', '')]);
  // IPFIX: the system init time anchors flow*SysUpTime; only a destination, no source.
  const init: FieldSpec[] = [{ id: 149, len: 4 }, { id: 160, len: 8 }];
  const onlyDst: FieldSpec[] = [{ id: 28, len: 16 }, { id: 85, len: 4 }, { id: 22, len: 4 }, { id: 21, len: 4 }];
  return [
    v9Packet(V9, [v9OptionsTemplateSet(256, scope, opt)]),
    v9Packet(V9, [dataSet(256, [record([...scope, ...opt], [0, 100])])]),
    v9Packet(V9, [v9TemplateSet([{ id: 257, fields: v9f }]), dataSet(257, v9recs)]),
    ipfixPacket(IPFIX, [ipfixData]),
    ipfixPacket(IPFIX, [ipfixTemplateSet([{ id: 300, fields: ipf }])]),
    ipfixPacket(IPFIX, [ipfixOptionsTemplateSet(301, 1, init), dataSet(301, [record(init, [3, 1_763_000_000_000n])])]),
    ipfixPacket(IPFIX, [ipfixTemplateSet([{ id: 302, fields: onlyDst }]), dataSet(302, [record(onlyDst, ['2001:db8::9', 4242, 5_000, 4_000])])]),
    v5Packet({ sysUptime: 100_000, unixSecs: 1_763_900_000, unixNsecs: 250_000_000, sampling: 10 }, [
      { src: '192.0.2.1', dst: '198.51.100.2', sport: 1, dport: 2, proto: 1, packets: 2, bytes: 120, first: 90_000, last: 99_000, flags: 0, input: 4, output: 5 },
    ]),
  ];
}

test('records written from the decoder read back as its events, without NAT, AS and MAC', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-flowlog-'));
  try {
    const expected = decodeAll(packets());
    assert.deepEqual(expected.rejects, []);
    assert.equal(expected.events.length, 7);
    const log = openFlowLog(dir);
    const out = decodeAll(packets(), { onRecord: log.record });
    await log.close();
    assert.deepEqual(out.events, []);
    assert.deepEqual(out.rejects, []);
    assert.equal(out.optionsRecords, expected.optionsRecords);
    assert.equal(log.written, 7);
    assert.equal(countFlows(dir), 7);
    assert.deepEqual([...readFlows(dir)].flat(), expected.events.map(asStored));
    // The cases the layout has to tell apart, checked by value too.
    const back = [...readFlows(dir)].flat();
    assert.equal(back[0]!['vaern.sampling_interval'], 100);
    assert.equal(back[0]!['source.bytes'], 150_000);
    assert.equal(back[0]!['observer.ingress.interface.id'], '1');
    assert.equal(back[0]!['observer.egress.interface.id'], '4000000000');
    assert.equal(back[3]!['source.ip'], '2001:db8::1');
    assert.equal(back[4]!['source.ip'], '::ffff:a00:1');
    assert.equal(back[4]!['network.type'], 'ipv6');
    assert.equal(back[5]!['source.ip'], undefined);
    assert.equal(back[5]!['destination.bytes'], undefined);
    assert.equal(back[6]!['vaern.sampling_interval'], 10);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a torn last record is not counted; a missing store holds no flows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-flowlog-'));
  try {
    const log = openFlowLog(dir);
    decodeAll(packets(), { onRecord: log.record });
    await log.close();
    const file = join(dir, readdirSync(dir)[0]!);
    truncateSync(file, statSync(file).size - RECORD / 2);
    assert.equal(countFlows(dir), 6);
    assert.equal([...readFlows(dir)].flat().length, 6);
    assert.equal(countFlows(join(dir, 'missing')), 0);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
