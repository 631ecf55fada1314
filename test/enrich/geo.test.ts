import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsnDb, AsnFormatError } from '../../src/enrich/asn.ts';
import { GeoDb } from '../../src/enrich/geo.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Reader, type Response } from 'maxmind';
import { formatIPv4, parseIp } from '../../src/enrich/ip.ts';

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
  const asn = AsnDb.load({ paths: { ipv4: `${dir}/v4.csv`, ipv6: `${dir}/v6.csv` } });
  assert.deepEqual(asn.lookup(parseIp('2.26.200.1')!), { number: 201907, organization: 'LLC "SPUTNIK"' });
  assert.deepEqual(asn.lookup(parseIp('8.8.8.8')!), { number: 15169, organization: 'Google LLC' });
  assert.deepEqual(asn.lookup(parseIp('2001:4860::8888')!), { number: 15169, organization: 'Google LLC' });
  assert.equal(asn.lookup(parseIp('9.9.9.9')!), undefined);
  assert.throws(() => AsnDb.load({ paths: { ipv4: `${dir}/unsorted.csv`, ipv6: `${dir}/v6.csv` } }), (e: Error) => e instanceof AsnFormatError && /unsorted.csv:2: .*not sorted/.test(e.message));
  assert.throws(() => AsnDb.load({ paths: { ipv4: `${dir}/short.csv`, ipv6: `${dir}/v6.csv` } }), (e: Error) => e instanceof AsnFormatError && /short.csv:1: expected/.test(e.message));
});

test('the tree walk agrees with the maxmind reader on random IPv4 and IPv6 addresses', () => {
  const path = createRequire(import.meta.url).resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
  const reader = new Reader<Response>(readFileSync(path));
  const expected = (ip: string): string | undefined => {
    const r = reader.get(ip) as { country_code?: string } | null;
    return r?.country_code;
  };
  let seed = 99;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 20_000; i++) {
    const v4 = formatIPv4(rnd());
    assert.equal(country(v4), expected(v4), v4);
    const v6 = `2${(rnd() % 0x1000).toString(16).padStart(3, '0')}:${(rnd() & 0xffff).toString(16)}:${(rnd() & 0xffff).toString(16)}::${(rnd() & 0xffff).toString(16)}`;
    assert.equal(country(v6), expected(v6), v6);
  }
});

test('ASN tables round-trip through the binary cache; a stale or broken cache is rebuilt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-asn-'));
  try {
    const paths = { ipv4: 'test/fixtures/enrich/asn/v4.csv', ipv6: 'test/fixtures/enrich/asn/v6.csv' };
    const fresh = AsnDb.load({ paths, cacheDir: dir });
    const cached = AsnDb.load({ paths, cacheDir: dir });
    assert.deepEqual(cached.tables, fresh.tables);
    assert.deepEqual(cached.lookup(parseIp('2.26.200.1')!), { number: 201907, organization: 'LLC "SPUTNIK"' });
    writeFileSync(join(dir, 'asn-tables.bin'), 'garbage');
    assert.deepEqual(AsnDb.load({ paths, cacheDir: dir }).tables, fresh.tables);
    // Other source files (a package update) are not served from the old cache.
    const other = AsnDb.load({ paths: { ...paths, ipv4: 'test/fixtures/enrich/asn/v4-other.csv' }, cacheDir: dir });
    assert.deepEqual(other.lookup(parseIp('8.8.8.8')!), { number: 64500, organization: 'Example Org' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
