import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEnrichment } from '../../src/enrich/pipeline.ts';
import type { VaernEvent } from '../../src/model/event.ts';

const enrich = createEnrichment({ tenants: () => new Map([['nordby', { networks: ['10.20.0.0/16', '198.51.100.0/24'] }]]), geo: null, asn: null });
const ev = (src: string, dst: string, direction?: string): VaernEvent => ({
  '@timestamp': 0,
  'vaern.tenant': 'nordby',
  'source.ip': src,
  'destination.ip': dst,
  ...(direction === undefined ? {} : { 'network.direction': direction }),
});

test("a firewall's interface direction (ingress/egress) is replaced by the tenant-relative direction", () => {
  const batch = [ev('45.143.200.10', '198.51.100.1', 'ingress'), ev('10.20.0.5', '142.250.1.1', 'egress'), ev('10.20.0.5', '10.20.3.3', 'ingress')];
  enrich.enrich(batch);
  assert.deepEqual(batch.map((e) => e['network.direction']), ['inbound', 'outbound', 'internal']);
});

test('a tenant-relative direction the decoder set is kept', () => {
  const batch = [ev('45.143.200.10', '198.51.100.1', 'external')];
  enrich.enrich(batch);
  assert.equal(batch[0]!['network.direction'], 'external');
});
