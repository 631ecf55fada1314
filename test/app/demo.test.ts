import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOOPBACK_SYSLOG, signIn, startTestVaern } from '../helpers/vaern.ts';

/**
 * The foundation end to end: `vaern demo` on free ports. The simulated municipalities send real
 * syslog over UDP and TCP to the listeners; events are decoded, enriched with GeoIP, stored, and
 * breach attempts by country come back from the HTTP API to a signed-in user.
 */
test('the demo\'s breach attempts by country reach the API through the whole pipeline', { timeout: 300_000 }, async () => {
  const t = await startTestVaern({ listeners: LOOPBACK_SYSLOG }, { demo: { backfillHours: 1, seed: 3 } });
  const { vaern, base } = t;
  try {
    const cookie = await signIn(base);

    await vaern.demo!.backfilled;
    type Stats = { total: number; rows: { key: string; count: number; sources: number }[] };
    const from = new Date(Date.now() - 3 * 3_600_000).toISOString();
    let stats: Stats = { total: 0, rows: [] };
    // Bounded wait for the backfill to pass through the pipeline into the store.
    for (let i = 0; i < 240 && stats.total < 1000; i++) {
      await vaern.pipeline.flush();
      const r = await fetch(`${base}/api/v1/stats/breach-attempts?by=country&from=${from}`, { headers: { cookie } });
      assert.equal(r.status, 200);
      stats = (await r.json()) as Stats;
      if (stats.total < 1000) await new Promise((res) => setTimeout(res, 500));
    }
    assert.ok(stats.total >= 1000, `expected the demo's breach attempts, got ${stats.total}`);
    const countries = stats.rows.map((r) => r.key);
    for (const cc of ['US', 'CN', 'RU']) assert.ok(countries.includes(cc), `${cc} among ${countries.join(',')}`);
    assert.equal(stats.rows.reduce((n, r) => n + r.count, 0), stats.total);

    const unauthenticated = await fetch(`${base}/api/v1/stats/breach-attempts?by=country`);
    assert.equal(unauthenticated.status, 401);
    const pipelineStats = vaern.pipeline.stats();
    assert.equal(pipelineStats.rejected, 0, 'the simulator sends only well-formed lines');
    assert.equal(pipelineStats.dropped, 0);
  } finally {
    await t.stop();
  }
});
