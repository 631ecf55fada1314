import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dnsTunnelling, subdomainShape } from '../../src/detect/dns-tunnelling.ts';
import { T0, ev, golden, replay } from './helpers.ts';

const q = (ts: number, name: string, src = '10.0.0.40', type = 'A') => ev(ts, { 'source.ip': src, 'destination.ip': '10.0.0.53', 'destination.port': 53, 'dns.question.name': name, 'dns.question.type': type });
const low = { minUniqueSubdomains: 20, minMeanLabelLength: 20, minMeanEntropy: 3.5, txtQueries: 15, maxClients: 2 };
let x = 3;
const rnd = (): number => ((x = (x * 48271) % 2147483647) / 2147483647);
const b32 = (n: number): string => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz234567'[Math.floor(rnd() * 32)]).join('');

test('base32 labels under one registered domain (golden)', () => {
  const events = Array.from({ length: 25 }, (_, i) => q(T0 + i * 1000, `${b32(50)}.t.evil-tunnel.co.uk`));
  const found = replay(dnsTunnelling, low, events);
  assert.equal(found.length, 1);
  const g = golden(found[0]!);
  assert.deepEqual({ ...g, counts: { ...(g['counts'] as object), meanEntropy: undefined } }, {
    entity: 'evil-tunnel.co.uk',
    severity: 'high',
    score: 65,
    technique: 'T1071.004',
    title: 'Possible DNS tunnel via evil-tunnel.co.uk',
    counts: { uniqueSubdomains: 20, queries: 20, txtQueries: 0, meanLabelLength: 50, meanEntropy: undefined },
    firstSeen: 0,
    lastSeen: 19_000,
  });
  assert.ok(found[0]!.evidence.counts['meanEntropy']! > 4);
});

test('TXT volume alone is enough with a quarter of the unique names', () => {
  const events = Array.from({ length: 16 }, (_, i) => q(T0 + i * 1000, `${i}.x.example.net`, '10.0.0.41', 'TXT'));
  const found = replay(dnsTunnelling, low, events);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'medium');
  assert.equal(found[0]!.technique.id, 'T1048');
});

test('anti-virus lookups from many clients, short names and reverse lookups are not tunnels', () => {
  const av = Array.from({ length: 60 }, (_, i) => q(T0 + i * 1000, `${b32(32)}.sophosxl.net`, `10.0.1.${i % 10}`));
  const web = Array.from({ length: 60 }, (_, i) => q(T0 + i * 1000, `host${i}.example.com`));
  const ptr = Array.from({ length: 60 }, (_, i) => q(T0 + i * 1000, `${i}.2.0.192.in-addr.arpa`, '10.0.0.42', 'PTR'));
  assert.deepEqual(replay(dnsTunnelling, low, [...av, ...web, ...ptr]), []);
});

test('subdomain shape', () => {
  assert.deepEqual(subdomainShape('aaaa.bb.example.com', 'example.com'), { longest: 4, entropy: 0.9182958340544896, sub: 'aaaa.bb' });
  assert.equal(subdomainShape('example.com', 'example.com'), undefined);
});
