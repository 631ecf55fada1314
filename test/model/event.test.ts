import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toEcs, fromEcs, type VaernEvent } from '../../src/model/event.ts';

test('toEcs nests dotted fields and writes dates as ISO 8601', () => {
  const e: VaernEvent = {
    '@timestamp': Date.UTC(2026, 10, 23, 8, 0, 0),
    'vaern.tenant': 'nordby',
    'source.ip': '203.0.113.7',
    'source.port': 51234,
    'event.category': ['network'],
    'source.geo.country_iso_code': 'RU',
  };
  assert.deepEqual(toEcs(e), {
    '@timestamp': '2026-11-23T08:00:00.000Z',
    vaern: { tenant: 'nordby' },
    source: { ip: '203.0.113.7', port: 51234, geo: { country_iso_code: 'RU' } },
    event: { category: ['network'] },
  });
});

test('fromEcs is the inverse of toEcs for known fields and ignores unknown ones', () => {
  const e: VaernEvent = { '@timestamp': 1_700_000_000_123, 'vaern.tenant': 't', 'destination.port': 22, 'event.action': 'denied' };
  const doc = toEcs(e);
  (doc as Record<string, unknown>)['unknown'] = { x: 1 };
  assert.deepEqual(fromEcs(doc), e);
});
