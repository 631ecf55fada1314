import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SensorResolver } from '../../src/pipeline/sensor-resolver.ts';
import type { Sensor } from '../../src/store/state/state-store.ts';

const sensor = (tenant: string, name: string, match: Sensor['match'], format = 'auto'): Sensor => ({ id: name, tenant, name, format, match, createdAt: 0 });

const resolver = new SensorResolver(
  [
    sensor('nordby', 'nordby-range', { kind: 'address', cidr: '192.0.2.0/24' }),
    sensor('fjellvik', 'fw-one', { kind: 'address', cidr: '192.0.2.7/32' }, 'iptables'),
    sensor('nordby', 'v6', { kind: 'address', cidr: '2001:db8::/32' }),
    sensor('bykommune', 'netflow-in', { kind: 'listener', listener: 'netflow' }),
  ],
  [
    { name: 'syslog-udp', format: 'auto' },
    { name: 'lab', format: 'filterlog', tenant: 'lab' },
  ],
);

test('the most specific address match wins', () => {
  assert.deepEqual(resolver.resolve('192.0.2.7', 'syslog-udp'), { tenant: 'fjellvik', sensor: 'fw-one', format: 'iptables' });
  assert.deepEqual(resolver.resolve('192.0.2.8', 'syslog-udp'), { tenant: 'nordby', sensor: 'nordby-range', format: 'auto' });
});

test('IPv4-mapped IPv6 peers from dual-stack sockets match IPv4 sensors', () => {
  assert.equal(resolver.resolve('::ffff:192.0.2.7', 'syslog-tcp')?.sensor, 'fw-one');
  assert.equal(resolver.resolve('2001:db8::1', 'syslog-tcp')?.sensor, 'v6');
});

test('a listener match applies when no address matches, then the listener default tenant', () => {
  assert.equal(resolver.resolve('198.51.100.1', 'netflow')?.tenant, 'bykommune');
  assert.deepEqual(resolver.resolve('198.51.100.1', 'lab'), { tenant: 'lab', sensor: 'lab/198.51.100.1', format: 'filterlog' });
});

test('a sender nobody claims resolves to nothing (the pipeline keeps its lines as rejects)', () => {
  assert.equal(resolver.resolve('198.51.100.1', 'syslog-udp'), undefined);
  assert.equal(resolver.resolve('not an address', 'syslog-udp'), undefined);
});
