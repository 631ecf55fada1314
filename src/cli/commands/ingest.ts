import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { ALL_TENANTS } from '../../model/tenant.ts';
import type { IngestPipeline } from '../../pipeline/ingest.ts';
import { decodeBatch } from '../../telemetry/decode-batch.ts';
import { formats } from '../../telemetry/decoders/registry.ts';
import { readLineBatches } from '../../telemetry/syslog/file-lines.ts';

const BATCH_LINES = 5_000;
const PROGRESS_EVERY_MS = 1_000;

/**
 * `vaern ingest FILE...`: decode log files into the embedded store, through the same enrichment
 * and store path as the listeners. The server must not be running on the same data directory
 * (the embedded event store has one writer).
 */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('decode log files into the store (stop `vaern start` on the same data directory first)')
    .argument('<files...>', 'log files')
    .option('--format <format>', `decoder: ${['auto', ...formats()].join(', ')}`, 'auto')
    .option('--tenant <id>', 'tenant the events belong to (default: the only tenant, if there is one)')
    .option('--sensor <name>', 'sensor name recorded on the events (default: the file name)')
    .action(async (files: string[], o: { format: string; tenant?: string; sensor?: string }) => {
      if (o.format !== 'auto' && !formats().includes(o.format)) fail(`unknown format "${o.format}"; known: ${formats().join(', ')}`);
      const config = loadConfig();
      // Loaded on use, so other commands start without the stores and enrichment data.
      const [{ openEmbeddedStores }, { createEnrichment }, { IngestPipeline }, { SensorResolver }] = await Promise.all([
        import('../../store/embedded.ts'),
        import('../../enrich/pipeline.ts'),
        import('../../pipeline/ingest.ts'),
        import('../../pipeline/sensor-resolver.ts'),
      ]);
      const stores = await openEmbeddedStores(config.dataDir).catch((err: unknown) => fail(`cannot open the store in ${config.dataDir}: ${(err as Error).message}`));
      try {
        const tenants = await stores.state.tenants.list(ALL_TENANTS);
        const tenant = o.tenant ?? (tenants.length === 1 ? tenants[0]!.id : undefined);
        if (tenant === undefined) fail(`--tenant is required (tenants: ${tenants.map((t) => t.id).join(', ') || 'none yet; add one in vaern.yaml or the console'})`);
        if (!tenants.some((t) => t.id === tenant)) fail(`unknown tenant "${tenant}"`);
        const networks = new Map(tenants.map((t) => [t.id, { networks: t.networks }]));
        const pipeline = new IngestPipeline({
          resolver: () => new SensorResolver([], []),
          events: stores.events,
          enrich: createEnrichment({ tenants: () => networks }),
          onError: (err) => process.stderr.write(`vaern ingest: ${(err as Error).message}\n`),
        });
        for (const path of files) await ingestFile(path, { pipeline, tenant, sensor: o.sensor, format: o.format });
        await pipeline.flush();
        const s = pipeline.stats();
        process.stderr.write(`vaern ingest: ${s.stored} events stored, ${s.rejected} lines rejected (kept with reasons: vaern rejects / GET /api/v1/rejects)${s.dropped > 0 ? `, ${s.dropped} dropped` : ''}\n`);
        if (s.dropped > 0) process.exitCode = 1;
      } finally {
        await stores.close();
      }
    });
}

async function ingestFile(path: string, o: { pipeline: IngestPipeline; tenant: string; sensor: string | undefined; format: string }): Promise<void> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    fail(`${path}: ${(err as Error).message}`);
  }
  const sensor = o.sensor ?? path.split('/').pop()!;
  const started = Date.now();
  let lastReport = started;
  let lines = 0;
  for await (const batch of readLineBatches(createReadStream(path), BATCH_LINES)) {
    const { events, rejects } = decodeBatch(batch.lines, {
      tenant: o.tenant,
      sensor,
      format: o.format,
      origin: path,
      receivedAt: Date.now(),
      file: { path, firstLine: batch.firstLine, offsets: batch.offsets },
    });
    o.pipeline.acceptDecoded(events, rejects, { tenant: o.tenant, sensor });
    // Keep memory bounded on long files: let the store catch up before reading on.
    if (o.pipeline.stats().queueDepth > 100_000) await o.pipeline.flush();
    lines += batch.lines.length;
    const now = Date.now();
    if (now - lastReport >= PROGRESS_EVERY_MS && process.stderr.isTTY) {
      const done = batch.offsets[batch.offsets.length - 1] ?? 0;
      process.stderr.write(`\r${path}: ${((100 * done) / Math.max(1, size)).toFixed(0)}%, ${lines} lines, ${Math.round(lines / ((now - started) / 1000))} lines/s `);
      lastReport = now;
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stderr.write(`${path}: ${lines} lines read\n`);
}

function fail(message: string): never {
  process.stderr.write(`vaern ingest: ${message}\n`);
  process.exit(2);
}
