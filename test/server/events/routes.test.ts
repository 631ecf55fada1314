import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VaernEvent } from '../../../src/model/event.ts';
import { csvHeader, csvRow } from '../../../src/server/events/csv.ts';
import { getAs, HOUR, NOW, openFixture, type Fixture } from '../fixture.ts';

let f: Fixture;
before(async () => {
  f = await openFixture();
});
after(() => f.close());

test('a CSV export larger than one chunk is every row once, oldest first, in scope', async () => {
  // 1,234 rows: two full 500-row chunks and a partial one, so no row is lost or doubled at a seam.
  const from = NOW - 100 * HOUR;
  const rows: VaernEvent[] = Array.from({ length: 1_234 }, (_, i) => ({
    '@timestamp': from + i * 1000,
    'vaern.tenant': 'alfa',
    'vaern.sensor': 'fw-alfa',
    'event.action': 'denied',
    'source.ip': `198.18.${i >> 8}.${i & 255}`,
    'destination.port': 1000 + i,
  }));
  await f.events.appendBatch([...rows, { ...rows[0]!, 'vaern.tenant': 'bravo', 'source.ip': '198.18.255.255' }]);
  const res = await getAs(f, 'anna', `/api/v1/events.csv?from=${from}&to=${from + 1_234_000}&limit=5000`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.body, csvHeader() + rows.map(csvRow).join(''));
});
