import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importCsv, splitCsvLine } from '../../../src/enrich/intel/csv.ts';
import { confidenceLabel, IntelImportError, normaliseIndicator, type IntelEntry } from '../../../src/enrich/intel/entry.ts';
import { importList } from '../../../src/enrich/intel/list.ts';
import { importMisp } from '../../../src/enrich/intel/misp.ts';
import { importStix, parsePattern } from '../../../src/enrich/intel/stix.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/enrich/intel/${name}`, 'utf8');
const brief = (entries: IntelEntry[]): string[] => entries.map((e) => `${e.kind} ${e.indicator} ${e.source} ${e.confidence} ${e.expiresAt === null ? '-' : new Date(e.expiresAt).toISOString()}`);

test('indicators are classified and canonicalised', () => {
  assert.deepEqual(normaliseIndicator(' 2001:DB8:0::1 '), { indicator: '2001:db8::1', kind: 'ip' });
  assert.deepEqual(normaliseIndicator('192.0.2.77/24'), { indicator: '192.0.2.0/24', kind: 'cidr' });
  assert.deepEqual(normaliseIndicator('Evil.Example.'), { indicator: 'evil.example', kind: 'domain' });
  assert.deepEqual(normaliseIndicator('bøf.example'), { indicator: 'xn--bf-lka.example', kind: 'domain' });
  assert.deepEqual(normaliseIndicator('https://[2001:db8::5]:8443/x'), { indicator: '2001:db8::5', kind: 'ip' });
  assert.deepEqual(normaliseIndicator('evil.example/path', 'url'), { indicator: 'evil.example', kind: 'domain' });
  assert.match(normaliseIndicator('co.uk') as string, /public suffix/);
  assert.match(normaliseIndicator('192.0.2.0/24', 'ip') as string, /single address/);
  assert.match(normaliseIndicator('evil.example', 'ip') as string, /not an IP/);
  assert.match(normaliseIndicator('bad_-.exa mple') as string, /not a domain/);
  assert.deepEqual([0, 1, 29, 30, 69, 70, 100].map(confidenceLabel), ['None', 'Low', 'Low', 'Medium', 'Medium', 'High', 'High']);
});

test('plain list: comments, normalisation, and an issue per bad line', () => {
  const r = importList(fixture('blocklist.txt'), { source: 'test-list', confidence: 70, expiresAt: Date.UTC(2027, 0, 1) });
  assert.deepEqual(
    r.entries.map((e) => `${e.kind} ${e.indicator}`),
    ['ip 198.51.100.7', 'cidr 203.0.113.0/24', 'cidr 2001:db8:bad::/48', 'domain evil.example', 'domain phish.example', 'domain malware.example'],
  );
  assert.ok(r.entries.every((e) => e.source === 'test-list' && e.confidence === 70 && e.expiresAt === Date.UTC(2027, 0, 1)));
  assert.deepEqual(r.issues.map((i) => i.where), ['line 8', 'line 9', 'line 10']);
  assert.match(r.issues[1]!.message, /public suffix/);
});

test('CSV: header columns, per-row source/confidence/expiry, issues keep the good rows', () => {
  const r = importCsv(fixture('indicators.csv'), { source: 'default-src' });
  assert.deepEqual(brief(r.entries), [
    'ip 198.51.100.20 cfcs 90 2030-01-01T00:00:00.000Z',
    'domain c2.example nsm 75 -',
    'domain drop.example default-src 40 2030-01-01T00:00:00.000Z',
    'cidr 10.9.8.0/22 default-src 60 -',
    'domain old.example cfcs 80 2020-01-01T00:00:00.000Z',
  ]);
  assert.deepEqual(
    r.issues.map((i) => `${i.where}: ${i.message}`),
    ['line 6: confidence must be 0-100, got "150"', 'line 7: not a domain name: "quoted,example"', 'line 8: unknown indicator type "hash"'],
  );
});

test('CSV: custom column names, positions without a header, another delimiter', () => {
  const named = importCsv('ioc;score\nevil.example;88\n', { source: 's', delimiter: ';', columns: { indicator: 'ioc', confidence: 'score' } });
  assert.deepEqual(brief(named.entries), ['domain evil.example s 88 -']);
  const positional = importCsv('x,198.51.100.1,20\n', { source: 's', header: false, columns: { indicator: 1, confidence: 2 } });
  assert.deepEqual(brief(positional.entries), ['ip 198.51.100.1 s 20 -']);
  const noColumn = importCsv('value,kind\n1.2.3.4,ip\n', { source: 's' });
  assert.equal(noColumn.entries.length, 0);
  assert.match(noColumn.issues[0]!.message, /no indicator column "indicator"/);
  assert.deepEqual(splitCsvLine('a,"b ""c"", d",,e', ','), ['a', 'b "c", d', '', 'e']);
  assert.match(splitCsvLine('a,"b', ',') as string, /unterminated/);
});

test('STIX 2.1 bundle: ORs, URLs, CIDRs, producer identity, confidence and valid_until', () => {
  const r = importStix(fixture('bundle.stix.json'), { source: 'stix-feed' });
  assert.deepEqual(brief(r.entries), [
    'ip 198.51.100.99 Nordic CERT 85 2026-07-10T08:00:00.000Z',
    'domain stix-c2.example stix-feed 60 -',
    'domain stix-drop.example stix-feed 60 -',
    'cidr 2001:db8:c2::/64 stix-feed 60 -',
  ]);
  const issues = r.issues.map((i) => `${i.where}: ${i.message}`);
  assert.equal(issues.length, 4, issues.join('\n'));
  assert.match(issues[0]!, /^objects\[3\] \(indicator--1f0e.*AND patterns are not supported/);
  assert.match(issues[1]!, /^objects\[4\].*no IP, domain or URL comparison/);
  assert.match(issues[2]!, /^objects\[5\].*pattern_type "yara"/);
  assert.match(issues[3]!, /^objects\[7\].*pattern/s);
});

test('STIX pattern reading', () => {
  assert.deepEqual(parsePattern("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"), [{ path: 'ipv4-addr:value', value: '198.51.100.0/24' }]);
  assert.deepEqual(parsePattern("([domain-name:value = 'it\\'s.example'])"), [{ path: 'domain-name:value', value: "it's.example" }]);
  assert.match(parsePattern("[ipv4-addr:value = '1.2.3.4'] WITHIN 5 SECONDS") as string, /WITHIN/);
  assert.match(parsePattern("[domain-name:value LIKE '%.example']") as string, /operator LIKE/);
  assert.match(parsePattern("[ipv4-addr:value = '1.2.3.4'") as string, /unbalanced/);
  assert.match(parsePattern("[ipv4-addr:value = '1.2.3.4] ") as string, /cannot read/);
});

test('STIX: unreadable documents are refused as a whole', () => {
  assert.throws(() => importStix('{', { source: 's' }), (e: Error) => e instanceof IntelImportError && /not JSON/.test(e.message));
  assert.throws(() => importStix('{"type":"report","objects":[]}', { source: 's' }), (e: Error) => e instanceof IntelImportError && /not a STIX 2.1 bundle/.test(e.message));
});

test('MISP event: attributes and objects, to_ids, deleted, org as provider, expiry from last seen', () => {
  const r = importMisp(fixture('event.misp.json'), { source: 'misp', confidence: 65 });
  const seen = '2026-05-30T00:00:00.000Z'; // timestamp 2026-03-01 + 90 days
  assert.deepEqual(brief(r.entries), [
    `ip 198.51.100.80 KommuneCERT 65 ${seen}`,
    `ip 203.0.113.9 KommuneCERT 65 ${seen}`,
    `domain misp-phish.example KommuneCERT 65 ${seen}`,
    'domain misp-drop.example KommuneCERT 65 2026-06-30T00:00:00.000Z',
    `domain obj.example KommuneCERT 65 ${seen}`,
    `ip 198.51.100.82 KommuneCERT 65 ${seen}`,
  ]);
  assert.deepEqual(
    r.issues.map((i) => i.where),
    ['Event.Attribute[7]', 'Event.Attribute[8]'],
  );
  const all = importMisp(fixture('event.misp.json'), { source: 'misp', includeNonIds: true, ttlDays: null });
  assert.ok(all.entries.some((e) => e.indicator === 'login.misp-phish.example' && e.expiresAt === null));
  const listed = importMisp(JSON.stringify({ response: [JSON.parse(fixture('event.misp.json'))] }), { source: 'misp' });
  assert.equal(listed.entries.length, 6);
  assert.throws(() => importMisp('{"Attribute": []}', { source: 'm' }), IntelImportError);
});
