import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntelEntry } from '../../../src/enrich/intel/entry.ts';
import { IntelMatcher } from '../../../src/enrich/intel/matcher.ts';
import { parseIp } from '../../../src/enrich/ip.ts';

const NOW = Date.UTC(2026, 5, 1);
const e = (indicator: string, kind: IntelEntry['kind'], confidence = 50, expiresAt: number | null = null, source = 'feed'): IntelEntry => ({ indicator, kind, source, confidence, expiresAt });

test('domain suffix matching: subdomains match, look-alikes do not', () => {
  const m = IntelMatcher.build([e('evil.example', 'domain')]);
  for (const hit of ['evil.example', 'sub.evil.example', 'a.b.c.evil.example', 'EVIL.Example.']) assert.equal(m.matchDomain(hit, NOW)?.indicator, 'evil.example', hit);
  for (const miss of ['notevil.example', 'evil.example.net', 'example', 'evil-example', '']) assert.equal(m.matchDomain(miss, NOW), undefined, miss);
});

test('a hand-built single-label domain entry still matches', () => {
  const m = IntelMatcher.build([e('corp', 'domain')]);
  assert.equal(m.matchDomain('intranet.corp', NOW)?.indicator, 'corp');
  assert.equal(m.matchDomain('intranet.corp.example', NOW), undefined);
});

test('IP and CIDR matching over IPv4 and IPv6', () => {
  const m = IntelMatcher.build([e('198.51.100.7', 'ip'), e('203.0.113.0/24', 'cidr'), e('2001:db8:bad::/48', 'cidr')]);
  assert.equal(m.matchIp(parseIp('198.51.100.7')!, NOW)?.indicator, '198.51.100.7');
  assert.equal(m.matchIp(parseIp('198.51.100.8')!, NOW), undefined);
  assert.equal(m.matchIp(parseIp('203.0.113.200')!, NOW)?.indicator, '203.0.113.0/24');
  assert.equal(m.matchIp(parseIp('2001:db8:bad:1::9')!, NOW)?.indicator, '2001:db8:bad::/48');
  assert.equal(m.matchIp(parseIp('2001:db8:bae::1')!, NOW), undefined);
  assert.equal(m.size, 3);
});

test('expiry is respected at match time; the best live entry wins', () => {
  const m = IntelMatcher.build([
    e('203.0.113.0/24', 'cidr', 40, null, 'wide'),
    e('203.0.113.9', 'ip', 90, NOW - 1, 'expired'),
    e('203.0.113.9', 'ip', 70, NOW + 1000, 'fresh'),
    e('evil.example', 'domain', 30, null, 'parent'),
    e('c2.evil.example', 'domain', 80, NOW - 1, 'child-expired'),
  ]);
  assert.equal(m.matchIp(parseIp('203.0.113.9')!, NOW)?.source, 'fresh');
  assert.equal(m.matchIp(parseIp('203.0.113.9')!, NOW + 5000)?.source, 'wide', 'after both host entries expire the /24 still holds');
  assert.equal(m.matchIp(parseIp('203.0.113.9')!, NOW - 10)?.source, 'expired', 'before expiry the highest confidence wins');
  assert.equal(m.matchDomain('x.c2.evil.example', NOW)?.source, 'parent');
  assert.equal(m.matchDomain('x.c2.evil.example', NOW - 10)?.source, 'child-expired');
});
