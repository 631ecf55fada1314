/**
 * Hunt on tens of millions of events (issue #5): the searches an analyst makes on the Hunt
 * screen, timed through the real store API on a file-backed DuckDB store of 21M events (three
 * tenants, 30 days), and the same screen once through the HTTP routes. Prints one JSON line per
 * figure (p50/p95 wall ms and median CPU ms per query, peak RSS) and a table on stderr.
 *
 * The store is generated inside DuckDB with SQL (appending 21M events through JS would take
 * longer than the whole benchmark), in time order as events arrive, and kept between runs:
 *
 *   node bench/hunt.bench.ts                               # /tmp/vaern-hunt/events-21000000.duckdb
 *   VAERN_HUNT_EVENTS=2000000 VAERN_HUNT_ROUNDS=5 node bench/hunt.bench.ts
 *   VAERN_HUNT_DIR=/somewhere/else node bench/hunt.bench.ts
 *
 * Traffic shape: 60% inbound from the internet (a few thousand noisy scanners plus a long tail of
 * random sources, 88% denied, mostly to remote-access ports), 30% outbound to the internet
 * (web, DNS, NTP), 10% between internal hosts; ~3,000 internal hosts per tenant with a skew
 * towards a few busy ones; country and AS follow the external address.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { VaernConfig } from '../src/config/config.ts';
import { scopeOf } from '../src/model/tenant.ts';
import type { IngestStats } from '../src/pipeline/stats.ts';
import { buildApp } from '../src/server/app.ts';
import { newApiToken, sha256 } from '../src/server/auth/secrets.ts';
import { csvHeader, csvRow } from '../src/server/events/csv.ts';
import { openDuckDbEventStore } from '../src/store/events/duckdb.ts';
import { createEventsTable } from '../src/store/events/duckdb-schema.ts';
import type { EventFilter } from '../src/store/events/event-store.ts';
import { openPgliteStateStore } from '../src/store/state/pglite.ts';

const N = Number(process.env['VAERN_HUNT_EVENTS'] ?? 21_000_000);
const ROUNDS = Number(process.env['VAERN_HUNT_ROUNDS'] ?? 10);
const DIR = process.env['VAERN_HUNT_DIR'] ?? '/tmp/vaern-hunt';
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 23);
const START = END - 30 * DAY;
const TENANTS = ['nordby', 'sydby', 'vestby'];
const PAGE = 200; // the Hunt screen's page

/** A non-negative BIGINT hash (DuckDB's is UBIGINT, which list indexes and mixed arithmetic refuse). */
const h = (args: string): string => `(hash(${args}) // 2)::BIGINT`;
/** A number in [0, 1) from row i and a salt, so every run generates the same store. */
const u = (salt: number): string => `((${h(`i, ${salt}`)} % 1000000)::DOUBLE / 1000000)`;
/** A public IPv4 address (first octet 11-222, so never 10/8) from a 64-bit hash. */
const publicV4 = (h: string): string => `((11 + (${h}) % 212) * 16777216 + ((${h}) // 256) % 16777216)`;
const dotted = (a: string): string => `concat_ws('.', ${a} // 16777216, (${a} // 65536) % 256, (${a} // 256) % 256, ${a} % 256)`;
const COUNTRIES = ['CN', 'US', 'RU', 'DE', 'NL', 'BR', 'IN', 'VN', 'KR', 'GB', 'FR', 'DK', 'NO', 'SE', 'UA'];

const GENERATE = `
INSERT INTO events ("timestamp", event__kind, event__action, event__outcome, event__dataset,
  source__ip, source__port, source__geo__country_iso_code, source__as__number, source__as__organization__name,
  destination__ip, destination__port, destination__geo__country_iso_code,
  network__transport, network__iana_number, network__direction, network__bytes,
  observer__vendor, observer__product, observer__hostname, rule__id,
  vaern__tenant, vaern__sensor, vaern__format, extra, source__ip_v4, destination__ip_v4)
WITH r AS (
  SELECT i, ${START}::BIGINT + (i * ${30 * DAY}::BIGINT) // ${N} AS ts,
    CASE WHEN ${u(1)} < 0.5 THEN 1 WHEN ${u(1)} < 0.8 THEN 2 ELSE 3 END AS tn,
    CASE WHEN ${u(2)} < 0.6 THEN 'inbound' WHEN ${u(2)} < 0.9 THEN 'outbound' ELSE 'internal' END AS dir,
    floor(3000 * ${u(3)} ^ 2)::BIGINT AS h1, floor(3000 * ${u(4)} ^ 3)::BIGINT AS h2,
    CASE WHEN ${u(5)} < 0.6 THEN ${publicV4(h(`floor(20000 * ${u(6)} ^ 3)::BIGINT, 99`))} ELSE ${publicV4(h('i, 7'))} END AS ext,
    (100 * ${u(8)})::INTEGER AS p, ${u(9)} AS a
  FROM range(${N}) t(i)
), e AS (
  SELECT *, 167772160 + tn * 65536 + (h1 // 250) * 256 + h1 % 250 + 1 AS int1,
    167772160 + tn * 65536 + (h2 // 250) * 256 + h2 % 250 + 1 AS int2,
    ${JSON.stringify(COUNTRIES).replaceAll('"', "'")}[1 + ((ext // 16777216) * 7) % ${COUNTRIES.length}] AS cc,
    1000 + (ext // 16384) % 8000 AS asn,
    CASE dir
      WHEN 'inbound' THEN CASE WHEN p < 25 THEN 22 WHEN p < 35 THEN 23 WHEN p < 45 THEN 3389 WHEN p < 52 THEN 445 WHEN p < 60 THEN 443
        WHEN p < 65 THEN 80 WHEN p < 70 THEN 8080 WHEN p < 73 THEN 5900 WHEN p < 76 THEN 1433 WHEN p < 78 THEN 3306 ELSE 1024 + ${h('i, 10')} % 64000 END
      WHEN 'outbound' THEN CASE WHEN p < 70 THEN 443 WHEN p < 85 THEN 80 WHEN p < 95 THEN 53 ELSE 123 END
      ELSE CASE WHEN p < 40 THEN 445 WHEN p < 60 THEN 3389 WHEN p < 80 THEN 53 ELSE 88 END
    END AS port,
    CASE dir WHEN 'inbound' THEN a < 0.88 WHEN 'outbound' THEN a < 0.04 ELSE a < 0.1 END AS denied
  FROM r
), f AS (
  SELECT *, ${JSON.stringify(TENANTS).replaceAll('"', "'")}[tn] AS tenant,
    CASE dir WHEN 'inbound' THEN ext ELSE int2 END AS src, CASE dir WHEN 'outbound' THEN ext ELSE int1 END AS dst
  FROM e
), g AS (
  SELECT *, ${dotted('src')} AS src_ip, ${dotted('dst')} AS dst_ip FROM f
)
SELECT ts, 'event', CASE WHEN denied THEN 'denied' ELSE 'allowed' END, CASE WHEN denied THEN 'failure' ELSE 'success' END, 'fortinet.firewall',
  src_ip, 1024 + ${h('i, 11')} % 64000, CASE WHEN dir = 'inbound' THEN cc END, CASE WHEN dir = 'inbound' THEN asn END,
  CASE WHEN dir = 'inbound' THEN 'Example Networks AS' || asn END,
  dst_ip, port, CASE WHEN dir = 'outbound' THEN cc END,
  CASE WHEN port IN (53, 123) THEN 'udp' ELSE 'tcp' END, CASE WHEN port IN (53, 123) THEN '17' ELSE '6' END, dir, 40 + ${h('i, 12')} % 20000,
  'Fortinet', 'FortiGate', tenant || '-fw', (1 + ${h('i, 13')} % 40)::VARCHAR,
  tenant, tenant || '-' || ['fw1', 'fw2', 'core'][1 + ${h('i, 14')} % 3], 'fortigate',
  '{"event.category":["network"],"event.type":["connection"],"related.ip":["' || src_ip || '","' || dst_ip || '"]}',
  src::UINTEGER, dst::UINTEGER
FROM g`; // insertion order is kept (DuckDB's preserve_insertion_order), so the file is in time order

async function ensureStore(path: string): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(DIR, { recursive: true });
  const tmp = `${path}.partial`;
  const db = await DuckDBInstance.create(tmp);
  const c = await db.connect();
  const t = performance.now();
  process.stderr.write(`generating ${N} events into ${path}...\n`);
  await c.run(createEventsTable());
  await c.run(GENERATE);
  await c.run('CHECKPOINT');
  c.closeSync();
  db.closeSync();
  await rename(tmp, path);
  process.stderr.write(`generated in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const rows: string[] = [];
function report(name: string, samples: readonly Sample[], note: string): void {
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  const figures = { p50: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpu: quantile(cpu, 0.5) };
  console.log(JSON.stringify({ name: `hunt.${name}.p50`, value: Math.round(figures.p50), unit: 'ms' }));
  console.log(JSON.stringify({ name: `hunt.${name}.p95`, value: Math.round(figures.p95), unit: 'ms' }));
  console.log(JSON.stringify({ name: `hunt.${name}.cpu`, value: Math.round(figures.cpu), unit: 'ms CPU' }));
  rows.push(`${name.padEnd(34)} ${figures.p50.toFixed(0).padStart(6)} ${figures.p95.toFixed(0).padStart(6)} ${figures.cpu.toFixed(0).padStart(6)}  ${note}`);
}

/** Run a query ROUNDS times after one warm-up; CPU is the whole process's, DuckDB's threads included. */
async function time(name: string, run: () => Promise<number>): Promise<void> {
  let note = '';
  const samples: Sample[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const n = await run();
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(cpu0);
    if (i > 0) samples.push({ wallMs, cpuMs: (c.user + c.system) / 1000 });
    note = `${n} rows`;
  }
  report(name, samples, note);
}

const path = join(DIR, `events-${N}.duckdb`);
await ensureStore(path);
const store = await openDuckDbEventStore({ path });
const scope = scopeOf(['nordby']);
const last = (days: number): EventFilter => ({ scope, from: END - days * DAY, to: END });
const month = last(30);
const week = last(7);

/** The Hunt screen's two requests for one search: the newest page and the histogram beside it. */
const screen = (f: EventFilter) => ({
  page: () => store.query({ ...f, limit: PAGE, order: 'desc' }).then((r) => r.length),
  histogram: () => store.histogram({ ...f, interval: f.to - f.from <= 3 * DAY ? 'hour' : 'day' }).then((r) => r.length),
});

// An analyst pivots on what the overview shows: the busiest outside source, and a mid-sized AS.
const [topSource] = await store.aggregate({ ...month, equals: { 'network.direction': 'inbound' }, by: 'source.ip', limit: 1 });
const asns = await store.aggregate({ ...month, by: 'asn', limit: 100 });
const source = topSource?.key ?? '192.0.2.1';
const source16 = `${source.split('.').slice(0, 2).join('.')}.0.0/16`;
const asn = Number(asns[asns.length - 1]?.key ?? 64500);

const searches: [string, EventFilter][] = [
  ['24h', last(1)],
  ['7d', week],
  ['30d', month],
  ['30d.ip-source', { ...month, address: source }],
  ['30d.ip-internal', { ...month, address: '10.1.0.1' }],
  ['30d.cidr16', { ...month, address: '10.1.0.0/16' }],
  ['30d.cidr16-external', { ...month, address: source16 }],
  ['30d.port', { ...month, equals: { 'destination.port': 3389 } }],
  ['30d.country', { ...month, equals: { 'source.geo.country_iso_code': 'KR' } }],
  ['30d.asn', { ...month, equals: { 'source.as.number': asn } }],
  ['30d.action', { ...month, equals: { 'event.action': 'allowed' } }],
  ['30d.sensor', { ...month, equals: { 'vaern.sensor': 'nordby-core' } }],
  ['7d.country+port+action', { ...week, equals: { 'source.geo.country_iso_code': 'CN', 'destination.port': 22, 'event.action': 'denied' } }],
  ['30d.cidr24+port', { ...month, address: '10.1.3.0/24', equals: { 'destination.port': 445 } }],
];

const total = await store.count({ scope: scopeOf(TENANTS), from: START, to: END });
process.stderr.write(`${total} events in ${path}; ${ROUNDS} rounds per query; source ${source}, AS${asn}\n`);
for (const [name, f] of searches) {
  const s = screen(f);
  await time(`${name}.page`, s.page);
  await time(`${name}.histogram`, s.histogram);
}

await time('30d.csv100k', async () => {
  const events = await store.query({ ...month, limit: 100_000, order: 'asc' });
  let bytes = csvHeader().length;
  for (const e of events) bytes += csvRow(e).length;
  return bytes > 0 ? events.length : 0;
});

// The same screen through the HTTP routes (auth hook, zod, audit, ECS nesting), in-process.
const state = await openPgliteStateStore();
await state.tenants.upsert({ id: 'nordby', name: 'Nordby', country: 'DK', networks: ['10.1.0.0/16'] });
const user = await state.users.create({ username: 'hunt', displayName: 'Hunt', passwordHash: 'x', locale: 'en', grants: [{ tenant: 'nordby', role: 'analyst' }] });
const token = newApiToken();
await state.tokens.create({ name: 'hunt', userId: user.id, tokenHash: sha256(token), grants: [], expiresAt: null });
const stats = (): IngestStats => ({ listeners: [], sensors: [], decoded: 0, rejected: 0, stored: 0, queueDepth: 0, dropped: 0 });
const app = await buildApp({ config: VaernConfig.parse({}), state, events: store, stats, logger: false, now: () => END });
const get = async (url: string): Promise<number> => {
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.body.length;
};
const range = `from=${new Date(END - 7 * DAY).toISOString()}&to=${new Date(END).toISOString()}`;
await time('http.7d.port.page', () => get(`/api/v1/events?${range}&port=22&limit=${PAGE}`));
await time('http.7d.port.histogram', () => get(`/api/v1/events/histogram?${range}&port=22&interval=day`));
await time('http.30d.csv100k', () => get(`/api/v1/events.csv?from=${new Date(START).toISOString()}&to=${new Date(END).toISOString()}&limit=100000`));

const rss = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ name: 'hunt.max-rss', value: Math.round(rss), unit: 'MiB' }));
process.stderr.write(`\nquery                                 p50    p95    cpu  (ms; ${ROUNDS} rounds)\n${rows.join('\n')}\npeak RSS ${rss.toFixed(0)} MiB\n`);
await app.close();
await state.close();
await store.close();
