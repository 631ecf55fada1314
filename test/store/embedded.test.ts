import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_TENANTS } from '../../src/model/tenant.ts';
import { openEmbeddedStores } from '../../src/store/embedded.ts';

test('embedded stores live under one data directory and reopen with their data', async () => {
  const root = await mkdtemp(join(tmpdir(), 'vaern-data-'));
  const dataDir = join(root, 'data');
  try {
    const first = await openEmbeddedStores(dataDir);
    await first.state.tenants.upsert({ id: 'aby', name: 'Aby', country: 'DK', networks: [] });
    await first.events.appendBatch([{ '@timestamp': 1_000, 'vaern.tenant': 'aby' }]);
    await first.close();
    assert.ok(existsSync(join(dataDir, 'state')));
    assert.ok(existsSync(join(dataDir, 'events.duckdb')));

    const second = await openEmbeddedStores(dataDir);
    assert.equal((await second.state.tenants.list(ALL_TENANTS)).length, 1);
    assert.equal(await second.events.count({ scope: ALL_TENANTS, from: 0, to: 2_000 }), 1);
    await second.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
