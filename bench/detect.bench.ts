/**
 * Detection throughput: events per CPU-second through the engine with every detector enabled,
 * beside the cost of decoding the same events with the registry's FortiGate decoder (target:
 * detection adds <= 30% to decode cost). CPU time (user + system) rather than wall time, so other
 * load on a shared machine does not distort the figures. Prints one JSON line per figure.
 *
 * Input: `python3 ../shared/perf/gen/fortigate.py N` (62% denied inbound scans, 20% published
 * services, 18% outbound), generated once into /tmp/perf/fg-detect.log; plus a day of the eval
 * municipality (eval/world.ts) for a mixed firewall/flow/DNS/auth load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { parseDetectConfig } from '../src/detect/config.ts';
import { createDetectionEngine } from '../src/detect/engine.ts';
import type { VaernEvent } from '../src/model/event.ts';
import { createEnrichment } from '../src/enrich/pipeline.ts';
import { decodeBatch } from '../src/telemetry/decode-batch.ts';
import { Rng } from '../eval/random.ts';
import { HOUR, backgroundHour, buildWorld } from '../eval/world.ts';

const N = Number(process.env['BENCH_LINES'] ?? 200_000);
const BATCH = 4096;
const FILE = '/tmp/perf/fg-detect.log';

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

if (!existsSync(FILE)) {
  mkdirSync('/tmp/perf', { recursive: true });
  execFileSync('python3', [new URL('../../shared/perf/gen/fortigate.py', import.meta.url).pathname, String(N), FILE]);
}
const lines = readFileSync(FILE, 'utf8').split('\n').filter((l) => l !== '').slice(0, N);

// Decode, in the batches the pipeline uses.
const ctx = { tenant: 'bench', sensor: 'fw', format: 'fortigate', origin: 'bench', receivedAt: Date.UTC(2026, 10, 2) };
decodeBatch(lines.slice(0, BATCH), ctx); // warm-up
let t = process.cpuUsage();
const batches: VaernEvent[][] = [];
for (let i = 0; i < lines.length; i += BATCH) batches.push(decodeBatch(lines.slice(i, i + BATCH), ctx).events);
const decodeCpu = cpuSeconds(t);
const events = batches.reduce((n, b) => n + b.length, 0);
emit('detect.fortigate.decode', events / decodeCpu, 'events/cpu-s');

// Enrich first (not timed): detectors see what the pipeline gives them (direction, geo, AS).
const enrich = createEnrichment({ tenants: () => new Map([['bench', { networks: ['198.51.100.0/24', '10.0.0.0/8'] }]]) });
for (const b of batches) enrich.enrich(b);

// Detect the same events, all detectors, batch by batch in event time.
const engine = createDetectionEngine(parseDetectConfig({}));
t = process.cpuUsage();
let alerts = 0;
for (const b of batches) {
  const now = b[b.length - 1]!['@timestamp'];
  alerts += engine.process(b, now).length;
  engine.evict(now);
}
const detectCpu = cpuSeconds(t);
emit('detect.fortigate.engine', events / detectCpu, 'events/cpu-s');
emit('detect.fortigate.overhead', (100 * detectCpu) / decodeCpu, '% of decode cpu');
emit('detect.fortigate.alert_updates', alerts, 'updates');

// A mixed municipal day (flows, DNS, auth, denied inbound) from the eval world.
const rng = new Rng(1);
const start = Date.UTC(2026, 2, 2);
const world = buildWorld(rng, start);
const hours: VaernEvent[][] = [];
for (let h = 0; h < 24; h++) hours.push(backgroundHour(world, rng, start + h * HOUR).sort((a, b) => a['@timestamp'] - b['@timestamp']));
const mixed = createDetectionEngine(parseDetectConfig({}));
let n = 0;
t = process.cpuUsage();
for (const hour of hours) {
  for (let i = 0; i < hour.length; i += BATCH) {
    const b = hour.slice(i, i + BATCH);
    mixed.process(b, b[b.length - 1]!['@timestamp']);
    n += b.length;
  }
  mixed.evict(hour[hour.length - 1]!['@timestamp']);
}
emit('detect.municipal_day.engine', n / cpuSeconds(t), 'events/cpu-s');
emit('detect.municipal_day.events', n, 'events');
