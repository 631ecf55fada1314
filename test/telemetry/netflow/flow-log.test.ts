import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { VaernEvent } from '../../../src/model/event.ts';
import { countFlows, openFlowLog, readFlows, RECORD } from '../../../src/telemetry/netflow/flow-log.ts';

const EVENTS: VaernEvent[] = [
  {
    '@timestamp': 1_763_900_000_000, 'vaern.tenant': 'nordby', 'vaern.sensor': 'rtr-1', 'vaern.format': 'netflow', 'observer.ip': '192.0.2.10',
    'event.start': 1_763_899_990_000, 'event.end': 1_763_900_000_000, 'source.ip': '203.0.113.5', 'destination.ip': '198.51.100.20',
    'source.port': 40000, 'destination.port': 443, 'network.iana_number': '6', 'network.transport': 'tcp', 'source.bytes': 1500, 'source.packets': 3,
    'network.bytes': 1500, 'network.packets': 3, 'vaern.tcp_flags': 18, 'observer.ingress.interface.id': '1', 'observer.egress.interface.id': '2',
    'network.direction': 'ingress', 'vaern.sampling_interval': 10,
  },
  {
    '@timestamp': 1_763_900_000_001, 'vaern.tenant': 'fjellvik', 'vaern.sensor': 'fw', 'vaern.format': 'netflow', 'observer.ip': '2001:db8::9',
    'source.ip': '2001:db8::1', 'destination.ip': 'fe80::1', 'source.bytes': 10, 'destination.bytes': 20, 'network.bytes': 30,
  },
];

test('the flow log stores flows and reads them back; count survives a torn last record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-flowlog-'));
  try {
    const log = openFlowLog(dir);
    log.append(EVENTS);
    log.append([EVENTS[0]!]);
    await log.close();
    assert.equal(countFlows(dir), 3);
    const back = [...readFlows(dir)].flat();
    assert.deepEqual(back[0], EVENTS[0]);
    assert.deepEqual(back[1], EVENTS[1]);
    const file = join(dir, readdirSync(dir)[0]!);
    truncateSync(file, statSync(file).size - RECORD / 2);
    assert.equal(countFlows(dir), 2);
    assert.equal(countFlows(join(dir, 'missing')), 0);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
