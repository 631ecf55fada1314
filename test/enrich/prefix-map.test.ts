import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, parseIp } from '../../src/enrich/ip.ts';
import { innermost, PrefixMap } from '../../src/enrich/prefix-map.ts';

const build = (cidrs: string[]): PrefixMap<string> => PrefixMap.build(cidrs.map((c) => ({ cidr: parseCidr(c), item: c })), innermost);
const at = (m: PrefixMap<string>, ip: string): string | undefined => m.get(parseIp(ip)!);

test('longest prefix wins over nested blocks, with gaps back to the outer block', () => {
  const m = build(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.128/25', '10.200.0.0/16', '0.0.0.0/0', '2001:db8::/32', '2001:db8:1::/48']);
  assert.equal(at(m, '10.1.2.200'), '10.1.2.128/25');
  assert.equal(at(m, '10.1.2.1'), '10.1.2.0/24');
  assert.equal(at(m, '10.1.3.1'), '10.1.0.0/16');
  assert.equal(at(m, '10.2.0.0'), '10.0.0.0/8');
  assert.equal(at(m, '10.255.255.255'), '10.0.0.0/8');
  assert.equal(at(m, '10.200.1.1'), '10.200.0.0/16');
  assert.equal(at(m, '11.0.0.0'), '0.0.0.0/0');
  assert.equal(at(m, '255.255.255.255'), '0.0.0.0/0');
  assert.equal(at(m, '2001:db8:1::5'), '2001:db8:1::/48');
  assert.equal(at(m, '2001:db8:2::5'), '2001:db8::/32');
  assert.equal(at(m, '2001:db9::'), undefined);
});

test('covering entries are all handed to pick, outermost first', () => {
  const m = PrefixMap.build(
    ['192.0.2.0/24', '192.0.2.7', '192.0.2.7/32'].map((c, i) => ({ cidr: parseCidr(c), item: i })),
    (covering) => covering.join(','),
  );
  assert.equal(m.get(parseIp('192.0.2.7')!), '0,1,2');
  assert.equal(m.get(parseIp('192.0.2.8')!), '0');
});

test('agrees with a brute-force longest-prefix match on random blocks', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
  const cidrs: string[] = [];
  for (let i = 0; i < 300; i++) {
    const len = 8 + (rnd() % 25);
    const a = rnd() & 0x0fffffff;
    cidrs.push(`${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${len}`);
  }
  const m = build(cidrs);
  const parsed = cidrs.map((c) => ({ c, p: parseCidr(c) }));
  for (let i = 0; i < 3000; i++) {
    const ip = rnd() & 0x0fffffff;
    let best: { c: string; prefix: number } | undefined;
    for (const { c, p } of parsed) {
      if (BigInt(ip) >= p.start && BigInt(ip) <= p.end && (best === undefined || p.prefix > best.prefix)) best = { c, prefix: p.prefix };
    }
    const text = `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
    const got = at(m, text);
    // Equal blocks written differently (host bits) are the same block.
    const key = (c: string | undefined): string | undefined => (c === undefined ? undefined : `${parseCidr(c).start}/${parseCidr(c).prefix}`);
    assert.equal(key(got), key(best?.c), text);
  }
});
