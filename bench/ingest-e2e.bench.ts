/**
 * End to end: FortiGate syslog over TCP (RFC 6587 octet counting) from a sender process, through
 * the real listener, sensor resolver, decode, enrichment and ingest pipeline, into the DuckDB
 * event store in a temp dir. Reports the sustained rate (all sent events stored, none dropped or
 * rejected) and the CPU time of each stage, so the limiting one can be named. One JSON line per
 * figure.
 *
 *   python3 /work/shared/perf/gen/fortigate.py 300000 /tmp/perf/fg-e2e-syslog.log --syslog
 *   node bench/ingest-e2e.bench.ts [lines-file]     # default: that file, or VAERN_E2E_LINES
 *
 * The lines file is generated when missing and python3 and the generator exist; otherwise the
 * bench says so and exits. It runs twice: into a store that only counts (`null`: the pipeline's
 * own limit) and into DuckDB; the difference in process CPU per event is the store's whole cost,
 * including its timer commits and DuckDB's threads, which no wrapper around appendBatch sees. The sender writes as fast as the socket drains: the listener reads
 * whenever the event loop is free, so the pipeline's queue absorbs what the store has not taken
 * yet, and the rate is events / (first byte sent .. last event checkpointed into the file).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { VaernEvent } from '../src/model/event.ts';
import { ALL_TENANTS } from '../src/model/tenant.ts';
import { createEnrichment } from '../src/enrich/pipeline.ts';
import type { Enricher } from '../src/enrich/enricher.ts';
import { IngestPipeline } from '../src/pipeline/ingest.ts';
import { SensorResolver } from '../src/pipeline/sensor-resolver.ts';
import { openDuckDbEventStore } from '../src/store/events/duckdb.ts';
import type { EventStore } from '../src/store/events/event-store.ts';
import { createTcpListener } from '../src/telemetry/listeners/tcp.ts';

const GENERATOR = '/work/shared/perf/gen/fortigate.py';
const LINES = Number(process.env['VAERN_E2E_COUNT'] ?? 300_000);
const FILE = process.argv[2] ?? process.env['VAERN_E2E_LINES'] ?? '/tmp/perf/fg-e2e-syslog.log';

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

async function linesFile(): Promise<string | undefined> {
  if (existsSync(FILE)) return FILE;
  if (!existsSync(GENERATOR) || spawnSync('python3', ['--version']).status !== 0) return undefined;
  await mkdir(dirname(FILE), { recursive: true });
  const gen = spawnSync('python3', [GENERATOR, String(LINES), FILE, '--syslog'], { stdio: 'inherit' });
  return gen.status === 0 ? FILE : undefined;
}

/**
 * Plain JS for the sender process: frame every line with its octet count up front (outside the
 * timing), say how many, wait for "go", then write as fast as the socket drains.
 */
const SENDER = `
const net = require('node:net');
const fs = require('node:fs');
const [port, file, max] = process.argv.slice(1);
const lines = fs.readFileSync(file, 'utf8').split('\\n').filter((l) => l.length > 0).slice(0, Number(max));
const blocks = [];
for (let i = 0; i < lines.length; i += 1000) {
  blocks.push(Buffer.from(lines.slice(i, i + 1000).map((l) => Buffer.byteLength(l) + ' ' + l).join('')));
}
process.send({ lines: lines.length });
process.once('message', () => {
  const s = net.connect({ host: '127.0.0.1', port: Number(port) }, () => {
    let i = 0;
    const pump = () => { while (i < blocks.length) { if (!s.write(blocks[i++])) return s.once('drain', pump); } s.end(); };
    pump();
  });
  s.on('close', () => process.exit(0));
});`;

/** Main-thread CPU seconds spent inside each wrapped stage, per run. */
let cpu = { decodeEnrich: 0, enrich: 0, store: 0 };
const threadCpu = (): number => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1e6;
};

function timedEnricher(inner: Enricher): Enricher {
  return {
    name: inner.name,
    enrich(events: VaernEvent[]) {
      const t = threadCpu();
      inner.enrich(events);
      cpu.enrich += threadCpu() - t;
    },
  };
}

/**
 * The store's append work is synchronous inside its write job: between the call and the
 * continuation only microtasks run (no socket reads), so the main-thread CPU between them is the
 * store's. DuckDB's own threads (checkpoints) show in the process total instead.
 */
function timedStore(inner: EventStore): EventStore {
  return {
    ...inner,
    async appendBatch(events) {
      const t = threadCpu();
      await inner.appendBatch(events);
      cpu.store += threadCpu() - t;
    },
  };
}

/** A store that keeps nothing: the pipeline without a store's cost. */
function nullStore(): EventStore {
  let n = 0;
  const nothing = async (): Promise<void> => {};
  return {
    appendBatch: async (events) => void (n += events.length),
    appendRejects: nothing,
    query: async () => [],
    count: async () => n,
    aggregate: async () => [],
    histogram: async () => [],
    rejects: async () => [],
    deleteBefore: async () => 0,
    flush: nothing,
    close: nothing,
  };
}

async function run(file: string, kind: 'null' | 'duckdb'): Promise<void> {
  cpu = { decodeEnrich: 0, enrich: 0, store: 0 };
  const dir = await mkdtemp(join(tmpdir(), 'vaern-e2e-'));
  const store = kind === 'null' ? nullStore() : await openDuckDbEventStore({ path: join(dir, 'events.duckdb') });
  const resolver = new SensorResolver([{ id: 's1', tenant: 'aby', name: 'aby-fw', format: 'fortigate', match: { kind: 'address', cidr: '127.0.0.1/32' }, createdAt: 0 }], []);
  const enrich = createEnrichment({ tenants: () => new Map([['aby', { networks: ['198.51.100.0/24', '10.0.0.0/8'] }]]) });
  // Load the geo and ASN databases before the clock starts, as a running server has.
  enrich.enrich([{ '@timestamp': 0, 'vaern.tenant': 'aby', 'source.ip': '8.8.8.8' }]);
  const pipeline = new IngestPipeline({ resolver: () => resolver, events: timedStore(store), enrich: timedEnricher(enrich), onError: (err) => console.error('ingest-e2e:', err) });
  const listener = createTcpListener({ name: 'e2e', host: '127.0.0.1', port: 0 }, (batch) => {
    const t = threadCpu();
    pipeline.acceptFrames(batch);
    cpu.decodeEnrich += threadCpu() - t;
  });
  const { port } = await listener.start();

  const sender = spawn(process.execPath, ['-e', SENDER, String(port), file, String(LINES)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const sent = await new Promise<number>((resolve, reject) => {
    sender.once('message', (m: { lines: number }) => resolve(m.lines));
    sender.once('exit', (code) => reject(new Error(`sender exited with ${code}`)));
  });

  const cpu0 = process.cpuUsage();
  const main0 = threadCpu();
  const start = performance.now();
  sender.send('go');
  let peakQueue = 0;
  while (pipeline.stats().decoded + pipeline.stats().rejected < sent) {
    peakQueue = Math.max(peakQueue, pipeline.stats().queueDepth);
    await new Promise((r) => setTimeout(r, 5));
  }
  const received = performance.now();
  await pipeline.flush();
  // Checkpoint inside the timing: the store defers compressing rows into the file, and that work
  // is part of its cost per event however it is scheduled.
  await store.flush();
  const stored = await store.count({ scope: ALL_TENANTS, from: 0, to: Number.MAX_SAFE_INTEGER });
  const seconds = (performance.now() - start) / 1000;
  const total = process.cpuUsage(cpu0);
  const mainCpu = threadCpu() - main0;
  const stats = pipeline.stats();
  await listener.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });

  if (stored !== sent || stats.dropped > 0 || stats.rejected > 0) {
    throw new Error(`loss: sent ${sent}, stored ${stored}, dropped ${stats.dropped}, rejected ${stats.rejected}`);
  }
  const name = (figure: string): string => `ingest_e2e.${kind}.${figure}`;
  emit(name('events'), sent, 'events');
  emit(name('sustained_rate'), sent / seconds, 'events/s');
  emit(name('receive_rate'), sent / ((received - start) / 1000), 'events/s');
  emit(name('peak_queue'), peakQueue, 'events');
  const perEvent = (s: number): number => (s * 1e6) / sent;
  emit(name('cpu.decode'), perEvent(cpu.decodeEnrich - cpu.enrich), 'us/event');
  emit(name('cpu.enrich'), perEvent(cpu.enrich), 'us/event');
  emit(name('cpu.append_calls'), perEvent(cpu.store), 'us/event');
  emit(name('cpu.main_other'), perEvent(mainCpu - cpu.decodeEnrich - cpu.store), 'us/event');
  emit(name('cpu.other_threads'), perEvent((total.user + total.system) / 1e6 - mainCpu), 'us/event');
  emit(name('cpu.process'), perEvent((total.user + total.system) / 1e6), 'us/event');
}

const file = await linesFile();
if (file === undefined) console.error(`ingest-e2e: skipped: no ${FILE}, and python3 or ${GENERATOR} is missing`);
else for (const kind of ['null', 'duckdb'] as const) await run(file, kind);
