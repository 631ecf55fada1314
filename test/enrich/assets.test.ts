import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AssetInventory, AssetInventoryError, parseAssetFile } from '../../src/enrich/assets.ts';
import { parseIp } from '../../src/enrich/ip.ts';

const inventory = AssetInventory.loadDir('test/fixtures/enrich/assets');
const at = (tenant: string, ip: string): string | undefined => {
  const a = inventory.lookup(tenant, parseIp(ip)!);
  return a === undefined ? undefined : `${a.zone}/${a.sectors.join('+')}/${a.criticality}${a.name === undefined ? '' : `/${a.name}`}`;
};

test('the most specific asset block wins', () => {
  assert.equal(at('nordby', '10.20.1.1'), 'internal/administration/medium/Rådhus');
  assert.equal(at('nordby', '10.20.30.5'), 'internal/health/high/Plejecenter Solbakken');
  assert.equal(at('nordby', '10.20.30.200'), 'internal/health+ot/critical/Medicinsk udstyr');
  assert.equal(at('nordby', '10.99.0.7'), 'ot/ot+water/critical/Vandværk SCADA');
  assert.equal(at('nordby', '192.0.2.3'), 'dmz/administration/high/Borgerportal');
  assert.equal(at('nordby', 'fd00:20::1'), 'internal/administration/medium');
  assert.equal(at('nordby', '10.30.0.1'), undefined);
});

test('inventories are per tenant, from YAML or JSON files named by tenant', () => {
  assert.equal(at('sydby', '172.16.5.9'), 'internal/school/low');
  assert.equal(at('sydby', '10.20.1.1'), undefined);
  assert.equal(at('elsewhere', '10.20.1.1'), undefined);
});

test('invalid inventories fail with the file and the place', () => {
  assert.throws(() => parseAssetFile('assets:\n  - { cidr: 10.0.0.0/33, zone: internal }\n', 'x.yaml'), (e: Error) => e instanceof AssetInventoryError && /x\.yaml: assets\[0\]\.cidr/.test(e.message));
  assert.throws(() => parseAssetFile('assets:\n  - { cidr: 10.0.0.0/8, zone: Internal Net }\n', 'x.yaml'), (e: Error) => e instanceof AssetInventoryError && /zone/.test(e.message));
  assert.throws(() => parseAssetFile('assets:\n  - { cidr: 10.0.0.0/8, zone: internal, criticality: extreme }\n', 'x.yaml'), /criticality/);
  assert.throws(() => parseAssetFile('assets: [\n', 'x.yaml'), AssetInventoryError);
  assert.deepEqual(parseAssetFile('assets:\n  - { cidr: 10.0.0.0/8, zone: internal }\n', 'x.yaml'), [{ cidr: '10.0.0.0/8', zone: 'internal', sectors: [], criticality: 'medium' }]);
});
