/**
 * NetFlow decode throughput: records/s for v9 (the perf harness generator's packets) and IPFIX
 * (the same records re-framed as IPFIX), decoded from memory on one core, plus the collect path
 * (decoded straight into the flow log). Prints JSON lines {"name","value","unit"}.
 *
 * The v9 packets come from /work/shared/perf/gen/netflow9.py --write-dat when it is available
 * (set NETFLOW_DAT to reuse a directory), else from the test builder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNetflowDecoder, type NetflowOutput } from '../src/telemetry/netflow/decoder.ts';
import { openFlowLog } from '../src/telemetry/netflow/flow-log.ts';
import { v9ToIpfix } from '../test/telemetry/netflow/builder.ts';

const GEN = '/work/shared/perf/gen/netflow9.py';
const COUNT = 200_000;

function loadV9(): Buffer[] {
  let dir = process.env['NETFLOW_DAT'];
  let made: string | undefined;
  if (dir === undefined) {
    if (!existsSync(GEN)) throw new Error(`${GEN} not found; set NETFLOW_DAT to a --write-dat directory`);
    made = mkdtempSync(join(tmpdir(), 'nf-bench-'));
    execFileSync('python3', [GEN, '--write-dat', made, '--count', String(COUNT)], { stdio: 'ignore' });
    dir = made;
  }
  const packets = readdirSync(dir).filter((f) => f.endsWith('.dat')).sort().map((f) => readFileSync(join(dir, f)));
  if (made !== undefined) rmSync(made, { recursive: true });
  return packets;
}

function decodeRate(name: string, packets: readonly Buffer[], rounds: number): void {
  const decoder = createNetflowDecoder();
  const src = { tenant: 'bench', sensor: 'bench', exporter: '127.0.0.1', origin: 'bench', receivedAt: 0 };
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let records = 0;
    const t = process.hrtime.bigint();
    for (const p of packets) {
      const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
      decoder.decode(p, src, out);
      records += out.events.length;
    }
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    best = Math.max(best, records / s);
  }
  console.log(JSON.stringify({ name, value: Math.round(best), unit: 'records/s' }));
}

/**
 * The `vaern collect` path without the socket: datagrams decoded straight into the flow log,
 * records/s and CPU µs per record (process CPU, so the log's background writes are included).
 */
async function collectRate(packets: readonly Buffer[]): Promise<void> {
  const src = { tenant: 'bench', sensor: 'bench', exporter: '127.0.0.1', origin: 'bench', receivedAt: 0 };
  const records = packets.length * 28;
  const dir = mkdtempSync(join(tmpdir(), 'nf-log-'));
  try {
    let best = 0;
    let cpu = Infinity;
    for (let r = 0; r < 5; r++) {
      const log = openFlowLog(dir);
      const decoder = createNetflowDecoder({ onRecord: log.record });
      const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
      const c = process.cpuUsage();
      const t = process.hrtime.bigint();
      for (const p of packets) decoder.decode(p, src, out);
      await log.close();
      const used = process.cpuUsage(c);
      best = Math.max(best, log.written / (Number(process.hrtime.bigint() - t) / 1e9));
      cpu = Math.min(cpu, (used.user + used.system) / log.written);
      if (log.written > records) throw new Error(`${log.written} records written, at most ${records} sent`);
    }
    console.log(JSON.stringify({ name: 'netflow.v9.collect', value: Math.round(best), unit: 'records/s' }));
    console.log(JSON.stringify({ name: 'netflow.v9.collect.cpu', value: Number(cpu.toFixed(3)), unit: 'cpu-us/record' }));
  } finally {
    rmSync(dir, { recursive: true });
  }
}

const v9 = loadV9();
decodeRate('netflow.v9.decode', v9, 8);
decodeRate('netflow.ipfix.decode', v9.map(v9ToIpfix), 8);
await collectRate(v9);
