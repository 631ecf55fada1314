import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNetflowCollector, type NetflowBatch } from '../../../src/telemetry/netflow/collector.ts';
import { dataSet, record, v9Packet, v9TemplateSet, type FieldSpec } from './builder.ts';
import { send, until } from './helpers.ts';

const F: FieldSpec[] = [{ id: 8, len: 4 }, { id: 12, len: 4 }, { id: 7, len: 2 }, { id: 11, len: 2 }, { id: 4, len: 1 }, { id: 1, len: 4 }];
const HDR = { sysUptime: 1000, unixSecs: 1_763_900_000 };

test('the collector decodes real UDP datagrams into per-exporter batches', async () => {
  const batches: NetflowBatch[] = [];
  const c = await createNetflowCollector(
    { name: 'nf-test', host: '127.0.0.1', port: 0, flushMs: 20, resolve: (ip) => (ip === '127.0.0.1' ? { tenant: 'nordby', sensor: 'rtr-1' } : undefined) },
    (b) => batches.push(b),
  );
  try {
    const port = c.address().port;
    const recs = Array.from({ length: 20 }, (_, i) => record(F, ['10.0.0.1', '198.51.100.7', 1000 + i, 443, 6, 100]));
    await send(port, [
      v9Packet(HDR, [v9TemplateSet([{ id: 256, fields: F }])]),
      v9Packet(HDR, [dataSet(256, recs)]),
      Buffer.from([0, 9, 1]), // malformed: a reject, and the collector carries on
      v9Packet(HDR, [dataSet(256, recs.slice(0, 5))]),
    ]);
    await until(() => batches.reduce((n, b) => n + b.events.length, 0) >= 25);
    const events = batches.flatMap((b) => b.events);
    assert.equal(events.length, 25);
    assert.equal(events[0]!['vaern.tenant'], 'nordby');
    assert.equal(events[0]!['vaern.sensor'], 'rtr-1');
    assert.equal(events[0]!['observer.ip'], '127.0.0.1');
    assert.equal(batches[0]!.exporter, '127.0.0.1');
    assert.equal(batches.flatMap((b) => b.rejects).length, 1);
    assert.equal(c.stats.protocol, 'netflow');
    assert.equal(c.stats.framesReceived, 4);
    assert.equal(c.stats.framingErrors, 1);
    assert.equal(c.stats.socketDrops, 0);
  } finally {
    await c.close();
  }
});

test('unresolved exporters get tenant "unassigned"; close hands over partial batches', async () => {
  const batches: NetflowBatch[] = [];
  const c = await createNetflowCollector({ name: 'nf-test2', host: '127.0.0.1', port: 0, flushMs: 60_000 }, (b) => batches.push(b));
  await send(c.address().port, [v9Packet(HDR, [v9TemplateSet([{ id: 256, fields: F }]), dataSet(256, [record(F, ['10.0.0.1', '10.0.0.2', 1, 2, 17, 9])])])]);
  await until(() => c.stats.framesReceived === 1);
  await c.close();
  const e = batches.flatMap((b) => b.events)[0]!;
  assert.equal(e['vaern.tenant'], 'unassigned');
  assert.equal(e['vaern.sensor'], '127.0.0.1');
});
