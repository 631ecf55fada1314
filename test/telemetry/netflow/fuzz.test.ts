import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createNetflowDecoder, type NetflowOutput } from '../../../src/telemetry/netflow/decoder.ts';
import { dataSet, ipfixPacket, ipfixTemplateSet, record, v5Packet, v9Packet, v9TemplateSet, type FieldSpec } from './builder.ts';
import { SRC } from './helpers.ts';

const F9: FieldSpec[] = [{ id: 8, len: 4 }, { id: 12, len: 4 }, { id: 1, len: 4 }, { id: 27, len: 16 }, { id: 82, len: 65535 }];
const r9 = Buffer.concat([record(F9.slice(0, 4), ['10.0.0.1', '10.0.0.2', 5, '2001:db8::1']), Buffer.from([2, 65, 66])]);
const VALID = [
  v9Packet({ sysUptime: 1, unixSecs: 2 }, [v9TemplateSet([{ id: 256, fields: F9 }]), dataSet(256, [r9, r9])]),
  ipfixPacket({ exportTime: 2 }, [ipfixTemplateSet([{ id: 256, fields: [...F9, { id: 5, len: 4, pen: 29305 }] }]), dataSet(256, [Buffer.concat([r9, Buffer.alloc(4)])])]),
  v5Packet({ sysUptime: 1, unixSecs: 2 }, [{ src: '10.0.0.1', dst: '10.0.0.2', sport: 1, dport: 2, proto: 6, packets: 1, bytes: 2, first: 0, last: 1 }]),
];

/** Decoding must return (never throw, never hang) and leave output well-formed. */
function decodeChecked(packets: readonly Buffer[]): NetflowOutput {
  const d = createNetflowDecoder({ holdMs: 0 });
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  for (const p of packets) d.decode(p, SRC, out);
  d.drain(out);
  for (const r of out.rejects) {
    assert.ok(r.reason.startsWith('netflow: '));
    assert.ok(!r.reason.includes('decoder fault'), r.reason);
  }
  for (const e of out.events) assert.equal(typeof e['@timestamp'], 'number');
  return out;
}

test('random datagrams never throw and never fault inside a parser', () => {
  const version = fc.constantFrom(5, 9, 10, 0, 255);
  fc.assert(
    fc.property(fc.array(fc.tuple(version, fc.uint8Array({ maxLength: 600 })), { maxLength: 6 }), (packets) => {
      decodeChecked(packets.map(([v, body]) => Buffer.concat([Buffer.from([0, v]), body])));
    }),
    { numRuns: 3000 },
  );
});

test('mutated valid datagrams (byte flips, cuts, extensions) never throw', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...VALID),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.nat(),
      fc.uint8Array({ maxLength: 40 }),
      (base, flips, cut, tail) => {
        const p = Buffer.from(base);
        for (const [at, byte] of flips) p[at % p.length] = byte;
        const end = cut % (p.length + 1);
        decodeChecked([VALID[0]!, Buffer.concat([p.subarray(0, end), tail]), p]);
      },
    ),
    { numRuns: 3000 },
  );
});
