/**
 * Store benchmarks: event append rate (file-backed DuckDB, batches of 5,000 realistic firewall
 * events), its CPU per event (the whole process, DuckDB's threads included, and the main thread
 * alone: on a loaded machine the rate follows the load, CPU time much less), bytes per event on
 * disk after CHECKPOINT, aggregate-by-country latency, and PGlite state inserts per second. Prints
 * one JSON line per figure, and the load average the figures were taken under.
 *
 *   node bench/store.bench.ts            # 1M events
 *   VAERN_BENCH_EVENTS=10000000 node bench/store.bench.ts
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaernEvent } from '../src/model/event.ts';
import { ALL_TENANTS } from '../src/model/tenant.ts';
import { openDuckDbEventStore } from '../src/store/events/duckdb.ts';
import { openPgliteStateStore } from '../src/store/state/pglite.ts';

const TOTAL = Number(process.env['VAERN_BENCH_EVENTS'] ?? 1_000_000);
const BATCH = 5_000;
const T0 = Date.UTC(2026, 10, 1);

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

/** Deterministic PRNG (mulberry32), so every run appends the same events. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['RU', 'CN', 'US', 'NL', 'DE', 'BR', 'IN', 'VN', 'KR', 'DK', 'NO', 'SE'];
const PORTS = [22, 23, 80, 443, 445, 3389, 5900, 8080, 1433, 3306];
const TENANTS = Array.from({ length: 20 }, (_, i) => `kommune-${i}`);

/** A pfSense filterlog block as the decoder and enricher leave it: about 25 fields set. */
function firewallEvents(n: number, seed: number): VaernEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const src = `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
    const dst = `10.${Math.floor(r() * 4)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
    const denied = r() < 0.8;
    const tenant = pick(TENANTS);
    const asn = 1000 + Math.floor(r() * 500);
    return {
      '@timestamp': T0 + i * 37,
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type': ['connection', denied ? 'denied' : 'allowed'],
      'event.action': denied ? 'denied' : 'allowed',
      'event.outcome': 'success',
      'event.dataset': 'pfsense.filterlog',
      'source.ip': src,
      'source.port': 1024 + Math.floor(r() * 64000),
      'source.geo.country_iso_code': pick(COUNTRIES),
      'source.as.number': asn,
      'source.as.organization.name': `Example AS${asn}`,
      'destination.ip': dst,
      'destination.port': pick(PORTS),
      'network.transport': 'tcp',
      'network.iana_number': '6',
      'network.direction': 'inbound',
      'network.bytes': 40 + Math.floor(r() * 1400),
      'observer.vendor': 'Netgate',
      'observer.product': 'pfSense',
      'observer.ingress.interface.name': 'igb0',
      'rule.id': String(1_000_000_000 + Math.floor(r() * 20)),
      'related.ip': [src, dst],
      'vaern.tenant': tenant,
      'vaern.sensor': `${tenant}-fw`,
      'vaern.format': 'filterlog',
    };
  });
}

async function benchEvents(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vaern-bench-'));
  const path = join(dir, 'events.duckdb');
  try {
    // 20 distinct batches, reused with shifted timestamps: generation stays out of the timing.
    const batches = Array.from({ length: 20 }, (_, k) => firewallEvents(BATCH, k + 1));
    const store = await openDuckDbEventStore({ path });
    const cpu0 = process.cpuUsage();
    const main0 = process.threadCpuUsage();
    const start = performance.now();
    for (let done = 0, k = 0; done < TOTAL; done += BATCH, k++) {
      const shift = Math.floor(k / batches.length) * BATCH * batches.length * 37;
      const batch = batches[k % batches.length]!;
      await store.appendBatch(shift === 0 ? batch : batch.map((e) => ({ ...e, '@timestamp': e['@timestamp'] + shift })));
    }
    await store.flush();
    const seconds = (performance.now() - start) / 1000;
    const perEvent = (u: NodeJS.CpuUsage): number => (u.user + u.system) / TOTAL;
    emit('store.events.append_rate', TOTAL / seconds, 'events/s');
    emit('store.events.append_cpu_process', perEvent(process.cpuUsage(cpu0)), 'us/event');
    emit('store.events.append_cpu_main_thread', perEvent(process.threadCpuUsage(main0)), 'us/event');
    await store.close();
    emit('store.events.bytes_per_event', (await stat(path)).size / TOTAL, 'bytes');

    const reopened = await openDuckDbEventStore({ path });
    const all = { scope: ALL_TENANTS, from: 0, to: Number.MAX_SAFE_INTEGER, by: 'country' as const, limit: 20 };
    await reopened.aggregate(all);
    const runs = 5;
    const t = performance.now();
    for (let i = 0; i < runs; i++) await reopened.aggregate(all);
    emit(`store.events.aggregate_country_${TOTAL}`, (performance.now() - t) / runs, 'ms');
    const scoped = { ...all, scope: { kind: 'tenants' as const, tenants: ['kommune-3'] }, breachAttempts: true };
    const t2 = performance.now();
    for (let i = 0; i < runs; i++) await reopened.aggregate(scoped);
    emit(`store.events.aggregate_country_one_tenant_breaches_${TOTAL}`, (performance.now() - t2) / runs, 'ms');
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchState(): Promise<void> {
  const state = await openPgliteStateStore({});
  const n = 5_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    await state.audit.append({ at: T0 + i, tenant: TENANTS[i % TENANTS.length]!, actor: 'bench', action: 'bench.insert', target: String(i), detail: { i } });
  }
  emit('store.state.audit_inserts', n / ((performance.now() - start) / 1000), 'inserts/s');
  await state.close();
}

await benchEvents();
await benchState();
emit('load_average_1m', loadavg()[0]!, 'load');
