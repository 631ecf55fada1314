import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { VaernConfig } from '../config/config.ts';
import type { IngestPipeline } from '../pipeline/ingest.ts';
import { UNASSIGNED_TENANT, type SensorResolver } from '../pipeline/sensor-resolver.ts';
import type { ListenerStats } from '../pipeline/stats.ts';
import { DirectoryTailer } from '../telemetry/files/tailer.ts';
import type { FrameSink, Listener } from '../telemetry/listeners/listener.ts';
import { createTcpListener } from '../telemetry/listeners/tcp.ts';
import { createTlsListener } from '../telemetry/listeners/tls.ts';
import { createUdpListener } from '../telemetry/listeners/udp.ts';
import { createNetflowCollector } from '../telemetry/netflow/collector.ts';
import { openSpool } from '../telemetry/spool/spool.ts';

/** Something to undo at shutdown; `startVaern` runs them in reverse order of registration. */
export type Stopper = () => Promise<void> | void;

/**
 * Every configured input, feeding the pipeline: syslog over UDP, TCP and TLS (the stream ones
 * through the on-disk spool), NetFlow/IPFIX, and tailed log directories.
 */
export async function startSources(o: {
  config: VaernConfig;
  pipeline: IngestPipeline;
  /** The current sensor mapping (it is rebuilt when admins change sensors). */
  resolver: () => SensorResolver;
  stoppers: Stopper[];
}): Promise<{ stats: ListenerStats[]; ports: Map<string, number> }> {
  const { config, pipeline, stoppers } = o;
  const stats: ListenerStats[] = [];
  const ports = new Map<string, number>();
  const direct: FrameSink = (b) => pipeline.acceptFrames(b);
  for (const l of config.listeners) {
    if (l.protocol === 'netflow') {
      const collector = await createNetflowCollector(
        { name: l.name, host: l.host, port: l.port, recvBufferSize: l.recvBufferSize, resolve: (exporter) => o.resolver().resolve(exporter, l.name) },
        (b) => pipeline.acceptDecoded(b.events, b.rejects, o.resolver().resolve(b.exporter, l.name) ?? { tenant: UNASSIGNED_TENANT, sensor: b.exporter }),
      );
      stats.push(collector.stats);
      ports.set(l.name, collector.address().port);
      stoppers.push(() => collector.close());
      continue;
    }
    let listener: Listener;
    if (l.protocol === 'udp') {
      listener = createUdpListener({ name: l.name, host: l.host, port: l.port, recvBufferSize: l.recvBufferSize }, direct);
    } else {
      // What a TCP/TLS sender delivered counts as received once it is in the spool on disk.
      const sink = config.spool.enabled ? await spoolInto(join(config.dataDir, 'spool', l.name), pipeline, config.spool.syncIntervalMs, stoppers) : direct;
      const opts = { name: l.name, host: l.host, port: l.port, maxFrameBytes: l.maxFrameBytes };
      listener = l.protocol === 'tls' && l.tls !== undefined ? createTlsListener({ ...opts, ...l.tls }, sink) : createTcpListener(opts, sink);
    }
    const bound = await listener.start();
    stats.push(listener.stats);
    ports.set(l.name, bound.port);
    stoppers.push(() => listener.stop());
  }

  if (config.files.length > 0) mkdirSync(join(config.dataDir, 'checkpoints'), { recursive: true });
  for (const [i, f] of config.files.entries()) {
    // The checkpoint moves past a batch only when the store has it: a restart neither loses nor repeats lines.
    const tailer = await DirectoryTailer.open({
      dir: f.dir,
      checkpointPath: join(config.dataDir, 'checkpoints', `files-${i}-${f.sensor}.json`),
      tenant: f.tenant,
      sensor: f.sensor,
      format: f.format,
      onBatch: async (b) => {
        pipeline.acceptDecoded(b.events, b.rejects, { tenant: f.tenant, sensor: f.sensor });
        await pipeline.flush();
      },
      onError: (err) => console.error(`files ${f.dir}:`, err.message),
    });
    tailer.start();
    stoppers.push(() => tailer.stop());
  }
  return { stats, ports };
}

/**
 * A sink that writes frames to an on-disk spool, and a consumer that feeds the pipeline from it
 * and acknowledges only what the store holds: a crash at any moment loses nothing a sender
 * delivered, and unacknowledged frames are replayed at the next start.
 */
async function spoolInto(dir: string, pipeline: IngestPipeline, syncIntervalMs: number, stoppers: Stopper[]): Promise<FrameSink> {
  const spool = await openSpool(dir, { syncIntervalMs, onError: (err) => console.error(`spool ${dir}:`, err) });
  let running = true;
  const consumer = (async () => {
    while (running) {
      await spool.readable();
      if (!running) break;
      const { batches, position } = await spool.read(10_000);
      for (const b of batches) pipeline.acceptFrames(b);
      await pipeline.flush();
      await spool.ack(position);
    }
  })().catch((err: unknown) => console.error(`spool ${dir}: consumer stopped:`, err));
  stoppers.push(async () => {
    running = false;
    await spool.close();
    await consumer;
  });
  return (batch) => spool.append(batch);
}
