import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSyslog } from '../../../src/telemetry/syslog/header.ts';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

test('RFC 5424 with structured data, fractional seconds and an offset', () => {
  const r = parseSyslog('<134>1 2021-07-03T19:10:14.578288-05:00 fw.example filterlog 72237 ID47 [meta sequenceId="1" x="a\\]b"][b c="d"] 146,,,x', { now: NOW });
  assert.deepEqual(r.header, {
    rfc: '5424', priority: 134, timestamp: Date.UTC(2021, 6, 4, 0, 10, 14, 578), hostname: 'fw.example',
    appname: 'filterlog', procid: '72237', msgid: 'ID47', structuredData: '[meta sequenceId="1" x="a\\]b"][b c="d"]',
  });
  assert.equal(r.payload, '146,,,x');
});

test('RFC 5424 NILVALUEs and BOM', () => {
  const r = parseSyslog('<189>1 - - - - - - \uFEFFdate=2026-11-02 x=1', { now: NOW });
  assert.equal(r.header.rfc, '5424');
  assert.equal(r.header.timestamp, undefined);
  assert.equal(r.header.hostname, undefined);
  assert.equal(r.header.structuredData, undefined);
  assert.equal(r.payload, 'date=2026-11-02 x=1');
});

test('RFC 5424 with Z time and no message', () => {
  const r = parseSyslog('<14>1 2026-11-02T08:00:00Z host app - - -', { now: NOW });
  assert.equal(r.header.timestamp, Date.UTC(2026, 10, 2, 8));
  assert.equal(r.payload, '');
});

test('RFC 3164 with tag and pid; year inferred from now', () => {
  const r = parseSyslog('<134>Jan 1 02:21:38 firewall.opnsense.net filterlog[97530]: 146,,,1', { now: NOW });
  assert.equal(r.header.rfc, '3164');
  assert.equal(r.header.priority, 134);
  // Jan 1 2026 is in the past relative to Nov 2026: same year.
  assert.equal(r.header.timestamp, Date.UTC(2026, 0, 1, 2, 21, 38));
  assert.equal(r.header.hostname, 'firewall.opnsense.net');
  assert.equal(r.header.appname, 'filterlog');
  assert.equal(r.header.procid, '97530');
  assert.equal(r.payload, '146,,,1');
});

test('RFC 3164 year rolls back when the date would be more than a day ahead', () => {
  const jan2 = Date.UTC(2027, 0, 2, 0, 0, 0);
  assert.equal(parseSyslog('<1>Dec 31 23:59:59 h a: m', { now: jan2 }).header.timestamp, Date.UTC(2026, 11, 31, 23, 59, 59));
  // Within a day ahead (clock skew) stays in the current year.
  assert.equal(parseSyslog('<1>Jan  2 12:00:00 h a: m', { now: jan2 }).header.timestamp, Date.UTC(2027, 0, 2, 12));
});

test('RFC 3164 time zone option shifts zone-less times', () => {
  const r = parseSyslog('Nov 23 09:00:00 h app: x', { now: NOW, tzOffsetMin: 60 });
  assert.equal(r.header.timestamp, Date.UTC(2026, 10, 23, 8));
});

test('RFC 3164 with ISO timestamp, with a year, and with fractional seconds', () => {
  assert.equal(parseSyslog('<6>2021-03-12T14:10:18Z Hostname kernel: IN=eth0', { now: NOW }).header.timestamp, Date.UTC(2021, 2, 12, 14, 10, 18));
  const y = parseSyslog('<166>Jan 05 2024 10:11:12 asa : %ASA-6-1: x', { now: NOW });
  assert.equal(y.header.timestamp, Date.UTC(2024, 0, 5, 10, 11, 12));
  assert.equal(y.header.hostname, 'asa');
  const f = parseSyslog('Mar  3 01:02:03.250 h t: m', { now: NOW });
  assert.equal(f.header.timestamp, Date.UTC(2026, 2, 3, 1, 2, 3, 250));
});

test('RFC 3164 without hostname, and without tag', () => {
  const a = parseSyslog('Jan  8 03:37:09 DENY: IN=eth0 OUT=', { now: NOW });
  assert.equal(a.header.hostname, undefined);
  assert.equal(a.header.appname, 'DENY');
  assert.equal(a.payload, 'IN=eth0 OUT=');
  const b = parseSyslog('Jun 28 04:35:30 Abc-A1 [SOMETHING-1234-A] IN=abc', { now: NOW });
  assert.equal(b.header.hostname, 'Abc-A1');
  assert.equal(b.header.appname, undefined);
  assert.equal(b.payload, '[SOMETHING-1234-A] IN=abc');
  const c = parseSyslog('<14>Nov 30 16:09:08 PA-220 1,2018/11/30 16:09:07,0128', { now: NOW });
  assert.equal(c.header.hostname, 'PA-220');
  assert.equal(c.payload, '1,2018/11/30 16:09:07,0128');
});

test('priority without header, and no header at all', () => {
  assert.deepEqual(parseSyslog('<188>date=2020-04-23 time=12:17:48'), { header: { rfc: 'none', priority: 188 }, payload: 'date=2020-04-23 time=12:17:48' });
  assert.deepEqual(parseSyslog('date=2020 x=1'), { header: { rfc: 'none' }, payload: 'date=2020 x=1' });
  assert.deepEqual(parseSyslog('<999>x'), { header: { rfc: 'none' }, payload: '<999>x' });
  assert.deepEqual(parseSyslog(''), { header: { rfc: 'none' }, payload: '' });
});

test('timestamps cut short at the end of the line', () => {
  assert.equal(parseSyslog('<134>1 2021-07-03T19:10:14.578').header.rfc, 'none');
  assert.equal(parseSyslog('<134>1 2021-07-03T19:10:14.').header.rfc, 'none');
  assert.equal(parseSyslog('Jan  1 00:00:0').header.rfc, 'none');
  assert.equal(parseSyslog('<6>2021-03-12T14:10:1').header.rfc, 'none');
});

test('malformed RFC 5424 is not lost', () => {
  const r = parseSyslog('<13>1 notatime host');
  assert.equal(r.header.rfc, 'none');
  assert.equal(r.header.priority, 13);
  assert.equal(r.payload, '1 notatime host');
});

test('fuzz: never throws, always returns a string payload', () => {
  const prefix = fc.constantFrom('', '<13>', '<134>1 ', '<6>Jan  1 ', '<6>2021-03-12T14:10:18', 'Dec 31 23:59:59 ', '<1>1 - - - - - [', '<134>1 2021-07-03T19:10:14.5');
  const cut = fc.tuple(fc.constantFrom('<134>1 2021-07-03T19:10:14.578288-05:00 h a 1 - [m x="1"] msg', '<6>Jan 12 01:02:03.456 +01:00 host app[1]: m', '<6>2021-03-12T14:10:18.5Z h k: x'), fc.nat())
    .map(([line, n]) => line.slice(0, n % (line.length + 1)));
  fc.assert(fc.property(cut, (line) => typeof parseSyslog(line).payload === 'string'), { numRuns: 500 });
  fc.assert(
    fc.property(prefix, fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: 4e12 }), (p, s, now) => {
      const r = parseSyslog(p + s, { now });
      assert.equal(typeof r.payload, 'string');
      if (r.header.timestamp !== undefined) assert.ok(Number.isFinite(r.header.timestamp));
    }),
    { numRuns: 3000 },
  );
});
