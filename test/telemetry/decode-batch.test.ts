import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBatch } from '../../src/telemetry/decode-batch.ts';
import { DECODERS } from '../../src/telemetry/decoders/registry.ts';

const FG = 'date=2026-11-02 time=08:00:00 devname="fw" devid="FG1" logid="0000000013" type="traffic" subtype="forward" tz="+0100" srcip=10.0.0.1 srcport=1000 dstip=192.0.2.1 dstport=443 proto=6 action="accept"';
const base = { tenant: 'nordby', sensor: 'fw1', origin: '/var/log/fw.log', receivedAt: Date.UTC(2026, 10, 23) };

test('file position, syslog fields, event.original, empty lines and rejects', () => {
  const lines = [`<189>${FG}`, '', 'garbage here\r', `${FG}\r`];
  const r = decodeBatch(lines, { ...base, format: 'auto', keepOriginal: true, file: { path: '/var/log/fw.log', firstLine: 10, offsets: [0, 300, 301, 315] } });
  assert.equal(r.events.length, 2);
  assert.equal(r.events[0]!['log.offset'], 0);
  assert.equal(r.events[0]!['log.file.path'], '/var/log/fw.log');
  assert.equal(r.events[0]!['log.syslog.priority'], 189);
  assert.equal(r.events[0]!['log.syslog.facility.code'], 23);
  assert.equal(r.events[0]!['log.syslog.severity.code'], 5);
  assert.equal(r.events[0]!['event.original'], `<189>${FG}`);
  assert.equal(r.events[1]!['log.offset'], 315);
  assert.equal(r.events[1]!['event.original'], FG);
  assert.deepEqual(r.rejects, [{
    receivedAt: base.receivedAt, tenant: 'nordby', sensor: 'fw1', origin: '/var/log/fw.log', format: 'auto',
    reason: 'no decoder recognised the line', raw: 'garbage here', line: 12, offset: 301,
  }]);
});

test('a decoder that throws becomes a reject with the reason', (t) => {
  const fortigate = DECODERS.find((d) => d.format === 'fortigate')!;
  t.mock.method(fortigate, 'decode', () => {
    throw new Error('boom');
  });
  const r = decodeBatch([FG], { ...base, format: 'fortigate' });
  assert.equal(r.events.length, 0);
  assert.equal(r.rejects[0]!.reason, 'fortigate: decoder failed: boom');
});

test('unknown format is a caller error', () => {
  assert.throws(() => decodeBatch([FG], { ...base, format: 'nope' }), /unknown format/);
});

test('raw text of a reject is bounded', () => {
  const r = decodeBatch(['x'.repeat(10_000)], { ...base, format: 'fortigate' });
  assert.equal(r.rejects[0]!.raw.length, 4096);
});
