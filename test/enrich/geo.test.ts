import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsnDb, AsnFormatError } from '../../src/enrich/asn.ts';
import { GeoDb } from '../../src/enrich/geo.ts';
import { parseIp } from '../../src/enrich/ip.ts';

// The real databases the npm packages ship; the answers were checked against them when pinned.
const geo = GeoDb.open();
const country = (ip: string): string | undefined => geo.country(parseIp(ip)!, ip);

test('countries of well-known Danish, Norwegian, Russian, US and Chinese addresses', () => {
  assert.equal(country('80.62.0.1'), 'DK'); // TDC
  assert.equal(country('130.225.0.1'), 'DK'); // DeiC
  assert.equal(country('129.240.0.1'), 'NO'); // Sikt / University of Oslo
  assert.equal(country('84.208.0.1'), 'NO'); // Telenor
  assert.equal(country('77.88.8.8'), 'RU'); // Yandex DNS
  assert.equal(country('8.8.8.8'), 'US'); // Google DNS
  assert.equal(country('114.114.114.114'), 'CN');
  assert.equal(country('2001:4860:4860::8888'), 'US');
  assert.equal(country('2a02:6b8::1'), 'RU');
  assert.equal(country('::ffff:80.62.0.1'), 'DK');
});

test('the country database has no answer for private addresses', () => {
  assert.equal(country('10.0.0.1'), undefined);
  assert.ok(geo.buildEpoch.getTime() > Date.UTC(2020, 0, 1));
});

test('AS number and organisation from the shipped ASN table', () => {
  const asn = AsnDb.load();
  assert.deepEqual(asn.lookup(parseIp('8.8.8.8')!), { number: 15169, organization: 'Google LLC' });
  assert.deepEqual(asn.lookup(parseIp('80.62.0.1')!), { number: 3292, organization: 'TDC Holding A/S' });
  assert.deepEqual(asn.lookup(parseIp('2a02:6b8::1')!), { number: 13238, organization: 'YANDEX LLC' });
  assert.equal(asn.lookup(parseIp('1.1.1.1')!)?.organization, 'Cloudflare, Inc.', 'quoted CSV names are unquoted');
  assert.equal(asn.lookup(parseIp('10.0.0.1')!), undefined);
  const s = asn.stats;
  assert.ok(s.ranges4 > 300_000 && s.ranges6 > 50_000 && s.autonomousSystems > 50_000, JSON.stringify(s));
});

test('ASN CSV parsing: quoting, CRLF, IPv6 text ranges, and clear errors', () => {
  const dir = 'test/fixtures/enrich/asn';
  const asn = AsnDb.load({ ipv4: `${dir}/v4.csv`, ipv6: `${dir}/v6.csv` });
  assert.deepEqual(asn.lookup(parseIp('2.26.200.1')!), { number: 201907, organization: 'LLC "SPUTNIK"' });
  assert.deepEqual(asn.lookup(parseIp('8.8.8.8')!), { number: 15169, organization: 'Google LLC' });
  assert.deepEqual(asn.lookup(parseIp('2001:4860::8888')!), { number: 15169, organization: 'Google LLC' });
  assert.equal(asn.lookup(parseIp('9.9.9.9')!), undefined);
  assert.throws(() => AsnDb.load({ ipv4: `${dir}/unsorted.csv`, ipv6: `${dir}/v6.csv` }), (e: Error) => e instanceof AsnFormatError && /unsorted.csv:2: .*not sorted/.test(e.message));
  assert.throws(() => AsnDb.load({ ipv4: `${dir}/short.csv`, ipv6: `${dir}/v6.csv` }), (e: Error) => e instanceof AsnFormatError && /short.csv:1: expected/.test(e.message));
});
