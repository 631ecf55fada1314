/**
 * Detection memory with 1M distinct external sources: every source knocks once on a public
 * address (denied) and fails one VPN login, through the engine with every detector enabled.
 * Run with `--expose-gc`; heap is measured after full collections. Prints JSON lines: heap held
 * by detection state, bytes per source, and the same with the state caps raised so all 1M are
 * kept (shows the cost per tracked key; the default caps bound the total instead).
 */
import { parseDetectConfig } from '../src/detect/config.ts';
import { createDetectionEngine } from '../src/detect/engine.ts';
import type { VaernEvent } from '../src/model/event.ts';

const SOURCES = Number(process.env['BENCH_SOURCES'] ?? 1_000_000);
const BATCH = 4096;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

function ip(i: number): string {
  return `${11 + (i >>> 16)}.${(i >>> 8) & 255}.${i & 255}.${7 + (i % 200)}`;
}

function run(name: string, overrides: Record<string, unknown>): void {
  const before = heap();
  const engine = createDetectionEngine(parseDetectConfig(overrides));
  const t0 = Date.UTC(2026, 10, 2);
  const started = performance.now();
  for (let i = 0; i < SOURCES; i += BATCH) {
    const batch: VaernEvent[] = [];
    for (let j = i; j < Math.min(SOURCES, i + BATCH); j++) {
      const ts = t0 + j * 10; // 1M sources over ~3 h
      const src = ip(j);
      batch.push({ '@timestamp': ts, 'vaern.tenant': 't', 'event.action': 'denied', 'network.direction': 'inbound', 'source.ip': src, 'destination.ip': '198.51.100.10', 'destination.port': 3389, 'source.geo.country_iso_code': 'US', 'source.as.number': 64500 + (j % 5000) });
      batch.push({ '@timestamp': ts + 1, 'vaern.tenant': 't', 'event.category': ['authentication'], 'event.outcome': 'failure', 'network.direction': 'inbound', 'source.ip': src, 'destination.ip': '198.51.100.2', 'destination.port': 443, 'user.name': `u${j % 5000}` });
    }
    engine.process(batch, batch[batch.length - 1]!['@timestamp']);
  }
  const seconds = (performance.now() - started) / 1000;
  const held = heap() - before;
  console.log(JSON.stringify({ name: `${name}.heap`, value: Math.round(held / 2 ** 20), unit: 'MiB' }));
  console.log(JSON.stringify({ name: `${name}.per_source`, value: Math.round(held / SOURCES), unit: 'bytes' }));
  console.log(JSON.stringify({ name: `${name}.events_per_s`, value: Math.round((2 * SOURCES) / seconds), unit: 'events/s' }));
  console.log(JSON.stringify({ name: `${name}.rss`, value: Math.round(process.memoryUsage().rss / 2 ** 20), unit: 'MiB' }));
  // Keep the engine reachable until measured.
  if (engine.stats().events < 0) console.log('');
}

run('detect.memory.1M_sources.default_caps', {});
run('detect.memory.1M_sources.uncapped', {
  detectors: { 'port-scan': { maxKeys: 3_000_000 }, 'brute-force': { maxKeys: 3_000_000 } },
});
