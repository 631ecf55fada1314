import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIp } from '../../src/enrich/ip.ts';
import { NetworkResolver, TenantNetworks } from '../../src/enrich/networks.ts';

const dir = (n: TenantNetworks, s: string, d: string): string => n.direction(parseIp(s)!, parseIp(d)!);

test('direction follows ECS for a tenant with its own networks', () => {
  const n = TenantNetworks.from(['10.20.0.0/16', '185.1.2.0/24', '2001:db8:20::/48']);
  assert.equal(dir(n, '77.88.8.8', '185.1.2.10'), 'inbound');
  assert.equal(dir(n, '10.20.1.1', '8.8.8.8'), 'outbound');
  assert.equal(dir(n, '10.20.1.1', '185.1.2.10'), 'internal');
  assert.equal(dir(n, '8.8.8.8', '1.1.1.1'), 'external');
  assert.equal(dir(n, '192.168.1.1', '8.8.8.8'), 'external', 'RFC 1918 outside the listed networks is not the tenant');
  assert.equal(dir(n, '2001:db8:20::5', '2a00:1450::1'), 'outbound');
  assert.equal(dir(n, '10.20.1.1', '224.0.0.251'), 'internal', 'multicast stays on site');
  assert.equal(dir(n, '10.20.1.1', '255.255.255.255'), 'internal');
});

test('a tenant without networks gets RFC 1918 and ULA', () => {
  const n = TenantNetworks.from([]);
  assert.equal(dir(n, '192.168.1.10', '8.8.8.8'), 'outbound');
  assert.equal(dir(n, '80.62.0.1', '172.16.0.5'), 'inbound');
  assert.equal(dir(n, 'fd00::1', 'fd00::2'), 'internal');
  assert.equal(dir(n, '100.64.0.1', '8.8.8.8'), 'external', 'CGNAT space is the provider, not the tenant');
});

test('the resolver recompiles only when a tenant changes its list, and reports bad entries', () => {
  const warnings: string[] = [];
  const r = new NetworkResolver((t, bad) => warnings.push(`${t}:${bad.join(',')}`));
  const tenants = new Map([['nordby', { networks: ['10.0.0.0/8'] }]]);
  const first = r.resolve(tenants, 'nordby');
  assert.equal(r.resolve(tenants, 'nordby'), first);
  assert.equal(r.resolve(new Map([['nordby', { networks: ['10.0.0.0/8'] }]]), 'nordby'), first, 'an equal list is not recompiled');
  const edited = r.resolve(new Map([['nordby', { networks: ['10.0.0.0/8', '185.1.2.0/24', 'bogus/99'] }]]), 'nordby');
  assert.notEqual(edited, first);
  assert.ok(edited.isInside(parseIp('185.1.2.3')!));
  assert.deepEqual(warnings, ['nordby:bogus/99']);
  assert.ok(r.resolve(tenants, 'unknown').isInside(parseIp('192.168.0.1')!), 'unknown tenants get the defaults');
});
