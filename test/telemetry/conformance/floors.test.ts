import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runConformance } from '../../../src/telemetry/conformance/runners.ts';

/** Fails when a corpus source's reproduced share drops below its recorded floor (floors.json). */
const corpora = fileURLToPath(new URL('../../../../shared/corpora', import.meta.url));
const floors = JSON.parse(readFileSync(new URL('../../../src/telemetry/conformance/floors.json', import.meta.url), 'utf8')) as Record<string, number>;

test('conformance shares stay at or above their floors', { skip: existsSync(corpora) ? false : `corpora folder not found at ${corpora}` }, async () => {
  const rows = await runConformance(corpora);
  for (const [source, floor] of Object.entries(floors)) {
    const row = rows.find((r) => r.source === source);
    assert.ok(row !== undefined, `no result for ${source}`);
    const share = row.expected === 0 ? 1 : row.reproduced / row.expected;
    assert.ok(share >= floor, `${source}: ${(share * 100).toFixed(1)}% reproduced, floor ${floor * 100}% (missed: ${row.missed?.join(', ')})`);
  }
});
