import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CidrError, formatIPv4, parseCidr, parseIp, parseIPv4 } from '../../src/enrich/ip.ts';
import { DEFAULT_INTERNAL_NETWORKS, isGlobal, isLocalScope, specialBlock } from '../../src/enrich/special.ts';

const words = (text: string): number[] => [...parseIp(text)!.v6];

test('parseIPv4 reads dotted quads and refuses everything else', () => {
  assert.equal(parseIPv4('0.0.0.0'), 0);
  assert.equal(parseIPv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIPv4('80.62.0.1'), (80 * 2 ** 24 + 62 * 2 ** 16 + 1) >>> 0);
  for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', '1.2.3.', '.1.2.3', 'a.b.c.d', '1.2.3.4 ', '1234.1.1.1']) {
    assert.equal(parseIPv4(bad), -1, bad);
  }
  assert.equal(formatIPv4(parseIPv4('192.0.2.255')), '192.0.2.255');
});

test('IPv6 parsing expands ::, reads IPv4 tails and ignores zones', () => {
  assert.deepEqual(words('::'), [0, 0, 0, 0]);
  assert.deepEqual(words('::1'), [0, 0, 0, 1]);
  assert.deepEqual(words('2001:db8::1'), [0x20010db8, 0, 0, 1]);
  assert.deepEqual(words('2001:DB8:0:0:0:0:0:1'), [0x20010db8, 0, 0, 1]);
  assert.deepEqual(words('fe80::1%eth0'), [0xfe800000, 0, 0, 1]);
  assert.deepEqual(words('1:2:3:4:5:6:7::'), [0x10002, 0x30004, 0x50006, 0x70000]);
  assert.deepEqual(words('64:ff9b::192.0.2.1'), [0x0064ff9b, 0, 0, 0xc0000201]);
  for (const bad of [':', ':1', '1:', '1:::2', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', 'g::1', '::1.2.3']) {
    assert.equal(parseIp(bad), undefined, bad);
  }
});

test('IPv4-mapped IPv6 addresses are read as IPv4', () => {
  const a = parseIp('::ffff:8.8.8.8')!;
  assert.equal(a.version, 4);
  assert.equal(formatIPv4(a.v4), '8.8.8.8');
});

test('parseCidr clears host bits and treats a bare address as a host route', () => {
  assert.deepEqual(parseCidr('10.1.2.3/8'), { version: 4, prefix: 8, start: 0x0a000000n, end: 0x0affffffn });
  assert.deepEqual(parseCidr('192.0.2.1'), { version: 4, prefix: 32, start: 0xc0000201n, end: 0xc0000201n });
  const v6 = parseCidr('2001:db8::/32');
  assert.equal(v6.start, 0x20010db8n << 96n);
  assert.equal(v6.end, (0x20010db8n << 96n) + (1n << 96n) - 1n);
  assert.equal(parseCidr('0.0.0.0/0').end, 0xffffffffn);
  for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/x', 'nope/8', '::/129']) assert.throws(() => parseCidr(bad), CidrError, bad);
});

test('special-purpose blocks come from data and classify addresses', () => {
  const kind = (t: string): string | undefined => specialBlock(parseIp(t)!)?.kind;
  assert.equal(kind('10.1.2.3'), 'private');
  assert.equal(kind('172.31.255.255'), 'private');
  assert.equal(kind('172.32.0.1'), undefined);
  assert.equal(kind('192.168.1.1'), 'private');
  assert.equal(kind('100.64.0.1'), 'shared');
  assert.equal(kind('127.0.0.1'), 'loopback');
  assert.equal(kind('169.254.1.1'), 'link-local');
  assert.equal(kind('224.0.0.251'), 'multicast');
  assert.equal(kind('233.252.0.1'), 'documentation', 'the more specific block inside multicast wins');
  assert.equal(kind('255.255.255.255'), 'broadcast');
  assert.equal(kind('198.51.100.1'), 'documentation');
  assert.equal(kind('fd12::1'), 'private');
  assert.equal(kind('fe80::1'), 'link-local');
  assert.equal(kind('ff02::fb'), 'multicast');
  assert.equal(kind('2001:db8::1'), 'documentation');
  assert.equal(kind('::ffff:10.0.0.1'), 'private');
  assert.ok(isGlobal(parseIp('8.8.8.8')!));
  assert.ok(isGlobal(parseIp('2a00:1450::1')!));
  assert.ok(!isGlobal(parseIp('10.0.0.1')!));
  assert.ok(isLocalScope(parseIp('ff02::1')!));
  assert.ok(!isLocalScope(parseIp('10.0.0.1')!));
  assert.deepEqual([...DEFAULT_INTERNAL_NETWORKS].sort(), ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
});
