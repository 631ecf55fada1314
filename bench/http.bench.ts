/**
 * HTTP API throughput in-process (fastify inject, no sockets), on the real embedded stores
 * (in-memory PGlite and DuckDB) with 100k seeded events: the public health route, and the
 * authenticated routes the console polls, so the cost of the auth hook (token hash, two state
 * lookups) and of the tenant-scoped store queries shows. Prints one JSON line per figure.
 */
import { VaernConfig } from '../src/config/config.ts';
import type { VaernEvent } from '../src/model/event.ts';
import type { IngestStats } from '../src/pipeline/stats.ts';
import { buildApp } from '../src/server/app.ts';
import { newApiToken, sha256 } from '../src/server/auth/secrets.ts';
import { openDuckDbEventStore } from '../src/store/events/duckdb.ts';
import { openPgliteStateStore } from '../src/store/state/pglite.ts';

const N_EVENTS = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const CONCURRENCY = 16;
const NOW = Date.UTC(2026, 10, 23, 12);
const COUNTRIES = ['RU', 'CN', 'US', 'NL', 'KP', 'BR', 'IN', 'DE'];

const state = await openPgliteStateStore();
const events = await openDuckDbEventStore();
await state.tenants.upsert({ id: 'nordby', name: 'Nordby', country: 'DK', networks: ['10.0.0.0/8'] });
const user = await state.users.create({ username: 'bench', displayName: 'Bench', passwordHash: 'x', locale: 'en', grants: [{ tenant: 'nordby', role: 'analyst' }] });
const token = newApiToken();
await state.tokens.create({ name: 'bench', userId: user.id, tokenHash: sha256(token), grants: [], expiresAt: null });
const batch: VaernEvent[] = [];
for (let i = 0; i < N_EVENTS; i++) {
  batch.push({
    '@timestamp': NOW - (i % 86_400) * 1000,
    'vaern.tenant': 'nordby',
    'vaern.sensor': 'fw',
    'event.action': i % 3 === 0 ? 'allowed' : 'denied',
    'network.direction': 'inbound',
    'source.ip': `198.51.${(i >> 8) & 255}.${i & 255}`,
    'source.geo.country_iso_code': COUNTRIES[i % COUNTRIES.length]!,
    'destination.ip': '10.0.0.1',
    'destination.port': [22, 443, 3389, 445][i % 4]!,
  });
}
await events.appendBatch(batch);
const stats = (): IngestStats => ({ listeners: [], sensors: [], decoded: 0, rejected: 0, stored: 0, queueDepth: 0, dropped: 0 });
const app = await buildApp({ config: VaernConfig.parse({}), state, events, stats, logger: false, now: () => NOW });
const auth = { authorization: `Bearer ${token}` };

async function measure(name: string, url: string, headers: Record<string, string>, total: number): Promise<void> {
  const run = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    }
  };
  await run(20);
  const t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => run(total / CONCURRENCY)));
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(JSON.stringify({ name: `http.${name}`, value: Math.round(total / s), unit: 'req/s' }));
}

await measure('health', '/api/v1/health', {}, 4000);
await measure('me.token', '/api/v1/auth/me', auth, 1600);
await measure('breach-attempts.country', '/api/v1/stats/breach-attempts', auth, 320);
await measure('events.page100', '/api/v1/events?port=22', auth, 320);
await app.close();
await events.close();
await state.close();
