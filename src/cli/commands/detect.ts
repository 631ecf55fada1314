import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { alertToEcs, type Alert } from '../../detect/alert.ts';
import { parseDetectConfig, readDetectConfigFile, type DetectConfig } from '../../detect/config.ts';
import { createDetectionEngine } from '../../detect/engine.ts';
import { mergeByTime } from '../../detect/merge.ts';
import { fromEcs, type EcsObject, type VaernEvent } from '../../model/event.ts';
import type { Enricher } from '../../enrich/enricher.ts';
import { formats, getDecoder } from '../../telemetry/decoders/registry.ts';
import { readLogFile } from '../../telemetry/files/read-log-file.ts';
import { FILE_FORMATS } from '../../telemetry/files/line-decoder.ts';
import { readLineBatches } from '../../telemetry/syslog/file-lines.ts';
import type { parseNetflowFiles } from '../../telemetry/netflow/files.ts';

interface DetectOptions {
  format: string;
  config?: string;
  tenant: string;
  sensor: string;
  networks?: string;
  enrich: boolean;
  updates?: boolean;
}

const BATCH = 4096;
/** Extensions read as captured NetFlow/IPFIX payloads under `--format auto`. */
const NETFLOW_EXT = /\.(dat|nfcapd|ipfix|netflow)$/i;

/**
 * `vaern detect [--format F] [--config FILE] FILE|DIR...`: replay log files through enrichment
 * and every enabled detector in event-time order (`now` is event time), then print the alerts as
 * ECS NDJSON on stdout and a summary on stderr.
 *
 * Inputs: any format the shared file reader knows (the decoder registry's syslog formats, Zeek TSV
 * and JSON, Suricata EVE; gzip or not; auto-detected per file by default), NetFlow/IPFIX captures
 * (`*.dat`, or `--format netflow`), and ECS NDJSON as `vaern parse` writes it (`--format ecs`, or
 * detected when a file's first line is a JSON object with `@timestamp`). Directories are read
 * recursively. Exit 0 after a run, 2 when a file cannot be read or the config is invalid.
 */
export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description('run the detectors over log files and print alerts as ECS JSON lines')
    .argument('<paths...>', 'files or directories (read recursively)')
    .option('--format <format>', `auto, netflow, ecs, ${FILE_FORMATS.join(', ')} or one of: ${formats().join(', ')}`, 'auto')
    .option('--config <file>', 'detection config (YAML/JSON) laid over the defaults')
    .option('--tenant <tenant>', 'vaern.tenant of the events', 'default')
    .option('--sensor <sensor>', 'vaern.sensor of the events', 'cli')
    .option('--networks <cidrs>', "the tenant's own networks, comma-separated (default: private ranges)")
    .option('--no-enrich', 'skip geo/ASN/direction enrichment')
    .option('--updates', 'print every alert update as it happens instead of the final alerts')
    .action(async (paths: string[], options: DetectOptions) => {
      process.exitCode = await runDetect(paths, options);
    });
}

async function runDetect(paths: string[], options: DetectOptions): Promise<number> {
  let config: DetectConfig;
  try {
    config = parseDetectConfig(options.config !== undefined ? readDetectConfigFile(options.config) : {});
  } catch (err) {
    process.stderr.write(`vaern detect: invalid config: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const own = ['auto', 'netflow', 'ecs', ...FILE_FORMATS];
  if (!own.includes(options.format) && getDecoder(options.format) === undefined) {
    process.stderr.write(`vaern detect: unknown format "${options.format}"; known: ${[...own, ...formats()].join(', ')}\n`);
    return 2;
  }
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const files = await expand(paths);
  if (files.missing.length > 0) {
    for (const m of files.missing) process.stderr.write(`vaern detect: cannot read ${m}\n`);
    return 2;
  }
  const counters = { lines: 0, rejects: 0, events: 0 };
  const netflowFiles = files.found.filter((f) => options.format === 'netflow' || (options.format === 'auto' && NETFLOW_EXT.test(f)));
  const logFiles = files.found.filter((f) => !netflowFiles.includes(f));
  const sources: AsyncIterable<VaernEvent[]>[] = logFiles.map((f) => readFile(f, options, counters));
  if (netflowFiles.length > 0) sources.push(readNetflow(netflowFiles, options, counters));

  const enricher = options.enrich ? await loadEnrichment(options) : undefined;
  const engine = createDetectionEngine(config);
  const alerts = new Map<string, Alert>();
  const started = performance.now();
  let first = Infinity;
  let last = -Infinity;
  for await (const batch of mergeByTime(sources, BATCH)) {
    enricher?.enrich(batch);
    counters.events += batch.length;
    const now = batch[batch.length - 1]!['@timestamp'];
    first = Math.min(first, batch[0]!['@timestamp']);
    last = Math.max(last, now);
    const updates = engine.process(batch, now);
    for (const u of updates) {
      alerts.set(u.alert.id, u.alert);
      if (options.updates === true) process.stdout.write(`${JSON.stringify(alertToEcs(u.alert))}\n`);
    }
    engine.evict(now);
  }
  const list = [...alerts.values()].sort((a, b) => a.firstSeen - b.firstSeen || (a.id < b.id ? -1 : 1));
  if (options.updates !== true) for (const a of list) process.stdout.write(`${JSON.stringify(alertToEcs(a))}\n`);

  const seconds = (performance.now() - started) / 1000;
  const bySeverity = countBy(list, (a) => a.severity);
  const byDetector = countBy(list, (a) => a.detector);
  process.stderr.write(
    `vaern detect: ${files.found.length} file(s), ${counters.events} events` +
      (counters.rejects > 0 ? `, ${counters.rejects} lines rejected` : '') +
      (counters.events > 0 ? ` from ${new Date(first).toISOString()} to ${new Date(last).toISOString()}` : '') +
      ` in ${seconds.toFixed(1)} s; ${list.length} alert(s)` +
      (list.length > 0 ? ` (${fmt(bySeverity)}; ${fmt(byDetector)})` : '') +
      `${enricher === undefined ? '; not enriched' : ''}\n`,
  );
  return 0;
}

async function expand(paths: readonly string[]): Promise<{ found: string[]; missing: string[] }> {
  const found: string[] = [];
  const missing: string[] = [];
  const walk = async (p: string): Promise<void> => {
    let s;
    try {
      s = await stat(p);
    } catch {
      missing.push(p);
      return;
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).sort();
      for (const n of names) if (!n.startsWith('.')) await walk(join(p, n));
    } else {
      found.push(p);
    }
  };
  for (const p of paths) await walk(p);
  return { found, missing };
}

async function* readFile(path: string, options: DetectOptions, counters: { lines: number; rejects: number }): AsyncGenerator<VaernEvent[]> {
  if (options.format === 'ecs' || (options.format === 'auto' && looksLikeEcs([await firstLine(path)]))) {
    for await (const batch of readLineBatches(createReadStream(path, { highWaterMark: 1 << 20 }), BATCH)) {
      counters.lines += batch.lines.length;
      yield fromEcsLines(batch.lines, options, path, batch.firstLine, counters);
    }
    return;
  }
  // Every other format (syslog decoders, Zeek, Suricata, gzip or not) through the shared file reader.
  for await (const batch of readLogFile(path, { tenant: options.tenant, sensor: options.sensor, format: options.format })) {
    counters.lines += batch.lines;
    counters.rejects += batch.rejects.length;
    for (const r of batch.rejects.slice(0, 3)) process.stderr.write(`${path}:${r.line ?? '?'}: ${r.reason}\n`);
    yield batch.events;
  }
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.toString('utf8', 0, bytesRead);
    const nl = text.indexOf('\n');
    return nl < 0 ? text : text.slice(0, nl);
  } finally {
    await handle.close();
  }
}

/** ECS NDJSON (as `vaern parse` writes): the first non-empty line is an object with `@timestamp`. */
function looksLikeEcs(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined || !first.trimStart().startsWith('{')) return false;
  try {
    const doc = JSON.parse(first) as unknown;
    return doc !== null && typeof doc === 'object' && '@timestamp' in doc;
  } catch {
    return false;
  }
}

function fromEcsLines(lines: readonly string[], options: DetectOptions, path: string, firstLine: number, counters: { rejects: number }): VaernEvent[] {
  const out: VaernEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const fields = fromEcs(JSON.parse(line) as EcsObject);
      const ts = fields['@timestamp'];
      if (typeof ts !== 'number' || Number.isNaN(ts)) throw new Error('no valid @timestamp');
      out.push({ ...fields, '@timestamp': ts, 'vaern.tenant': fields['vaern.tenant'] ?? options.tenant });
    } catch (err) {
      counters.rejects++;
      if (counters.rejects <= 3) process.stderr.write(`${path}:${firstLine + i}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  });
  return out;
}

async function* readNetflow(paths: string[], options: DetectOptions, counters: { rejects: number }): AsyncGenerator<VaernEvent[]> {
  // Loaded on demand, as in `vaern parse`: plain log replays never need the NetFlow decoder.
  const netflow: { parseNetflowFiles: typeof parseNetflowFiles } = await import('../../telemetry/netflow/files.ts');
  for await (const { events, rejects } of netflow.parseNetflowFiles(paths, { tenant: options.tenant, sensor: options.sensor })) {
    counters.rejects += rejects.length;
    yield events;
  }
}

async function loadEnrichment(options: DetectOptions): Promise<Enricher | undefined> {
  try {
    const { createEnrichment } = await import('../../enrich/pipeline.ts');
    const networks = options.networks?.split(',').map((s) => s.trim()).filter((s) => s !== '') ?? [];
    const tenants = new Map([[options.tenant, { networks }]]);
    return createEnrichment({ tenants: () => tenants, onWarning: (m) => process.stderr.write(`vaern detect: ${m}\n`) });
  } catch (err) {
    process.stderr.write(`vaern detect: enrichment unavailable, events flow unenriched: ${err instanceof Error ? err.message : String(err)}\n`);
    return undefined;
  }
}

function countBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

function fmt(m: Map<string, number>): string {
  return [...m].map(([k, n]) => `${n} ${k}`).join(', ');
}
