import type { Command } from 'commander';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createFlowLogCollector } from '../../telemetry/netflow/flow-log-collector.ts';

/**
 * `vaern collect --netflow HOST:PORT --store DIR` receives NetFlow v5/v9/IPFIX on UDP and writes
 * the flows to the flow log under DIR (rejects to DIR/rejects.ndjson) until SIGTERM/SIGINT, then
 * flushes and exits. The perf harness (shared/perf) drives it beside nfcapd.
 */
export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description('receive NetFlow v5/v9/IPFIX on UDP and store the flows under a directory')
    .requiredOption('--netflow <host:port>', 'UDP address to listen on, e.g. 127.0.0.1:2055')
    .requiredOption('--store <dir>', 'directory for the flow log')
    .option('--recv-buffer <bytes>', 'socket receive buffer (SO_RCVBUF); kernel default when absent')
    .option('--tenant <id>', 'tenant of every exporter (default: unassigned)')
    .action(async (o: { netflow: string; store: string; recvBuffer?: string; tenant?: string }) => collect(o));
}

function parseHostPort(text: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || !(port >= 0 && port <= 65535)) throw new Error(`--netflow wants HOST:PORT, got ${text}`);
  return { host: m[1]!, port };
}

async function collect(o: { netflow: string; store: string; recvBuffer?: string; tenant?: string }): Promise<void> {
  const { host, port } = parseHostPort(o.netflow);
  mkdirSync(o.store, { recursive: true });
  const rejectsPath = join(o.store, 'rejects.ndjson');
  let rejects = 0;
  const tenant = o.tenant;
  const collector = await createFlowLogCollector(
    {
      name: `netflow:${port}`,
      host,
      port,
      dir: o.store,
      ...(o.recvBuffer ? { recvBufferSize: Number(o.recvBuffer) } : {}),
      ...(tenant ? { resolve: (exporter: string) => ({ tenant, sensor: exporter }) } : {}),
    },
    (batch) => {
      rejects += batch.length;
      appendFileSync(rejectsPath, batch.map((r) => JSON.stringify(r)).join('\n') + '\n');
    },
  );
  const bound = collector.address();
  process.stderr.write(`vaern collect: NetFlow/IPFIX on udp ${bound.address}:${bound.port}, storing under ${o.store}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    collector
      .close()
      .then(() => {
        const s = collector.stats;
        process.stderr.write(
          `vaern collect: ${s.framesReceived} datagrams, ${collector.written} flows stored, ${rejects} rejects, ${s.socketDrops} socket drops\n`,
        );
        process.exit(0);
      })
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
