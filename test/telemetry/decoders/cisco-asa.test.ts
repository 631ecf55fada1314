import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBatch } from '../../../src/telemetry/decode-batch.ts';

const ctx = { tenant: 't', sensor: 'asa-cache', format: 'cisco-asa', origin: 'test', receivedAt: Date.UTC(2026, 10, 23) };

test('cisco-asa: a Teardown takes the direction of its Built, so source stays the initiator', () => {
  const { events } = decodeBatch([
    '%ASA-6-302013: Built inbound TCP connection 31337 for outside:203.0.113.9/50000 (203.0.113.9/50000) to dmz:10.1.1.5/443 (198.51.100.5/443)',
    '%ASA-6-302014: Teardown TCP connection 31337 for outside:203.0.113.9/50000 to dmz:10.1.1.5/443 duration 0:00:05 bytes 900 TCP Reset-O',
  ], ctx);
  assert.equal(events.length, 2);
  for (const e of events) {
    assert.equal(e['source.ip'], '203.0.113.9');
    assert.equal(e['destination.ip'], '10.1.1.5');
    assert.equal(e['network.direction'], 'inbound');
  }
  assert.equal(events[0]!['destination.nat.ip'], '198.51.100.5');
});

test('cisco-asa: without its Built, a Teardown is read as outbound (second side initiates)', () => {
  const { events } = decodeBatch(['%ASA-6-302014: Teardown TCP connection 4242 for outside:203.0.113.9/443 to inside:10.1.1.5/50000 duration 0:00:05 bytes 900 TCP FINs'], ctx);
  assert.equal(events[0]!['source.ip'], '10.1.1.5');
  assert.equal(events[0]!['network.direction'], undefined);
});
