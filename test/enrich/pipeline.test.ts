import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VaernEvent } from '../../src/model/event.ts';
import { AssetInventory } from '../../src/enrich/assets.ts';
import { AsnDb } from '../../src/enrich/asn.ts';
import { GeoDb } from '../../src/enrich/geo.ts';
import { IntelMatcher } from '../../src/enrich/intel/matcher.ts';
import { importList } from '../../src/enrich/intel/list.ts';
import { createEnrichment } from '../../src/enrich/pipeline.ts';

const NOW = Date.UTC(2026, 5, 1);
const geo = GeoDb.open();
const asn = AsnDb.load();
const assets = AssetInventory.loadDir('test/fixtures/enrich/assets');
const intel = IntelMatcher.build(importList('77.88.8.8\nevil.example\n198.51.100.0/24\n', { source: 'cfcs', confidence: 80 }).entries);
const ev = (fields: Partial<VaernEvent>): VaernEvent => ({ '@timestamp': NOW, 'vaern.tenant': 'nordby', ...fields });

test('one pass fills geo, ASN, direction, zone and intel', () => {
  let tenants = new Map([['nordby', { networks: ['10.20.0.0/16', '10.99.0.0/24', '192.0.2.0/28'] }]]);
  const enricher = createEnrichment({ tenants: () => tenants, assets, intel, geo, asn, now: () => NOW });
  const batch = [
    ev({ 'source.ip': '77.88.8.8', 'destination.ip': '10.99.0.7', 'destination.port': 502 }),
    ev({ 'source.ip': '10.20.30.5', 'destination.ip': '80.62.0.1', 'dns.question.name': 'www.evil.example' }),
    ev({ 'source.ip': '10.20.1.1', 'destination.ip': '10.40.0.1' }),
    ev({ 'source.ip': '8.8.8.8', 'destination.ip': '2a02:6b8::1' }),
    ev({ 'source.ip': '10.20.1.1', 'destination.ip': '8.8.8.8', 'network.direction': 'inbound', 'source.geo.country_iso_code': 'XX' }),
    ev({ 'source.ip': 'not an ip', 'destination.ip': '192.0.2.5' }),
  ];
  enricher.enrich(batch);
  const [inbound, outbound, internal, external, preset, broken] = batch;
  assert.deepEqual(
    { ...inbound },
    {
      ...ev({ 'source.ip': '77.88.8.8', 'destination.ip': '10.99.0.7', 'destination.port': 502 }),
      'source.geo.country_iso_code': 'RU',
      'source.as.number': 13238,
      'source.as.organization.name': 'YANDEX LLC',
      'network.direction': 'inbound',
      'vaern.zone': 'ot',
      'vaern.sector': ['ot', 'water'],
      'vaern.criticality': 'critical',
      'threat.indicator.matched.atomic': '77.88.8.8',
      'threat.indicator.matched.field': 'source.ip',
      'threat.indicator.provider': 'cfcs',
      'threat.indicator.confidence': 'High',
      'threat.indicator.name': '77.88.8.8',
    },
  );
  assert.equal(outbound!['network.direction'], 'outbound');
  assert.equal(outbound!['destination.geo.country_iso_code'], 'DK');
  assert.equal(outbound!['destination.as.number'], 3292);
  assert.equal(outbound!['source.geo.country_iso_code'], undefined, 'private addresses get no geo');
  assert.equal(outbound!['vaern.zone'], 'internal');
  assert.deepEqual(outbound!['vaern.sector'], ['health']);
  assert.equal(outbound!['threat.indicator.matched.field'], 'dns.question.name');
  assert.equal(outbound!['threat.indicator.matched.atomic'], 'www.evil.example');
  assert.equal(outbound!['threat.indicator.name'], 'evil.example');
  assert.equal(internal!['network.direction'], 'outbound', '10.40/16 is in the inventory but not in the tenant networks');
  assert.equal(external!['network.direction'], 'external');
  assert.equal(external!['destination.geo.country_iso_code'], 'RU');
  assert.equal(external!['vaern.zone'], undefined);
  assert.equal(preset!['network.direction'], 'inbound', 'decoder values are kept');
  assert.equal(preset!['source.geo.country_iso_code'], 'XX');
  assert.equal(broken!['network.direction'], undefined);
  assert.equal(broken!['vaern.zone'], 'dmz', 'the one readable end still finds its zone');
  assert.equal(broken!['threat.indicator.matched.atomic'], undefined, 'documentation addresses are not matched');

  // An admin adds 10.40.0.0/16 to the tenant: the next batch sees it.
  tenants = new Map([['nordby', { networks: ['10.20.0.0/16', '10.40.0.0/16'] }]]);
  const again = [ev({ 'source.ip': '10.20.1.1', 'destination.ip': '10.40.0.1' })];
  enricher.enrich(again);
  assert.equal(again[0]!['network.direction'], 'internal');
  assert.equal(again[0]!['vaern.zone'], 'internal');
  assert.deepEqual(again[0]!['vaern.sector'], ['school']);
});

test('tenants without networks use RFC 1918 + ULA; geo and ASN can be turned off; live intel swaps', () => {
  let current: IntelMatcher | undefined = undefined;
  const enricher = createEnrichment({ tenants: () => new Map(), geo: null, asn: null, intel: () => current, now: () => NOW });
  const batch = [ev({ 'source.ip': '192.168.1.10', 'destination.ip': '8.8.8.8', 'tls.server.name': 'cdn.evil.example' }), ev({ 'source.ip': 'fd00::1', 'destination.ip': 'fd00::2' })];
  enricher.enrich(batch);
  assert.equal(batch[0]!['network.direction'], 'outbound');
  assert.equal(batch[0]!['destination.geo.country_iso_code'], undefined);
  assert.equal(batch[0]!['threat.indicator.matched.atomic'], undefined);
  assert.equal(batch[1]!['network.direction'], 'internal');
  current = intel;
  const next = [ev({ 'source.ip': '192.168.1.10', 'destination.ip': '8.8.8.8', 'tls.server.name': 'cdn.evil.example' })];
  enricher.enrich(next);
  assert.equal(next[0]!['threat.indicator.matched.field'], 'tls.server.name');
  const byAddress = [ev({ 'source.ip': '10.0.0.5', 'destination.ip': '10.0.0.6', 'url.domain': '77.88.8.8' })];
  enricher.enrich(byAddress);
  assert.equal(byAddress[0]!['threat.indicator.matched.field'], 'url.domain', 'a bare address in a name field is matched as an address');
  assert.equal(byAddress[0]!['threat.indicator.name'], '77.88.8.8');
});
