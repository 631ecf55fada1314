/**
 * Zeek conn.log TSV and Suricata EVE decode throughput, one core: generated lines through the
 * file line decoder (header state, mapping, file offsets), as `vaern parse` and the tailer run it.
 * Figures are lines per CPU-second (wall-clock beside them). Target: Zeek conn TSV >= 300k lines/s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLineDecoder } from '../src/telemetry/files/line-decoder.ts';
import { readLogFile } from '../src/telemetry/files/read-log-file.ts';
import type { LineBatch } from '../src/telemetry/syslog/file-lines.ts';

const N = Number(process.env['BENCH_LINES'] ?? 300_000);
const BATCH = 4096;

const HEADER = [
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', '#open\t2026-03-02-10-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
];

function connLine(i: number): string {
  const services = ['dns', 'ssl', 'http', '-'];
  return `${1772445600 + (i >> 4)}.${String(i % 1_000_000).padStart(6, '0')}\tC${(i * 2654435761 >>> 0).toString(36)}x9a\t10.20.${(i >> 8) & 255}.${i & 255}\t${1024 + (i % 60000)}\t` +
    `93.184.${(i >> 3) & 255}.${i % 250}\t${i % 3 === 0 ? 53 : 443}\t${i % 3 === 0 ? 'udp' : 'tcp'}\t${services[i & 3]}\t${(i % 5000) / 1000}.000123\t${i % 9000}\t${(i * 7) % 90000}\t` +
    `SF\tT\tF\t0\tShADadFf\t${i % 40}\t${i % 9000 + 400}\t${i % 30}\t${(i * 7) % 90000 + 300}\t-`;
}

function eveLine(i: number): string {
  return `{"timestamp":"2026-03-02T11:00:${String(i % 60).padStart(2, '0')}.123456+0100","flow_id":${1000000 + i},"in_iface":"eth1","event_type":"flow","src_ip":"10.20.${(i >> 8) & 255}.${i & 255}","src_port":${1024 + (i % 60000)},"dest_ip":"93.184.216.34","dest_port":443,"proto":"TCP","app_proto":"tls","flow":{"pkts_toserver":${i % 40},"pkts_toclient":${i % 30},"bytes_toserver":${i % 9000},"bytes_toclient":${(i * 7) % 90000},"start":"2026-03-02T10:59:58.500000+0100","end":"2026-03-02T11:00:00.750000+0100","age":2,"state":"closed","reason":"timeout","alerted":false}}`;
}

function batches(generated: string[]): LineBatch[] {
  // One text cut into lines, as readLineBatches does: flat strings, not the concatenations the
  // generators build (those would be flattened, at a cost, by the first indexOf).
  const lines = generated.join('\n').split('\n');
  const out: LineBatch[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length; i += BATCH) {
    const slice = lines.slice(i, i + BATCH);
    const offsets = slice.map((l) => {
      const o = offset;
      offset += l.length + 1;
      return o;
    });
    out.push({ lines: slice, offsets, firstLine: i + 1 });
  }
  return out;
}

function run(name: string, format: string, lines: string[]): void {
  const input = batches(lines);
  // Warm up on a separate decoder so the measured one starts from its header like a real file.
  for (let w = 0; w < 2; w++) {
    const d = createLineDecoder('/var/log/bench.log', { tenant: 't', sensor: 's', format });
    for (const b of input.slice(0, 20)) d.decode(b);
  }
  const decoder = createLineDecoder('/var/log/bench.log', { tenant: 't', sensor: 's', format });
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let events = 0;
  for (const b of input) events += decoder.decode(b).events.length;
  const used = process.cpuUsage(cpu);
  const secs = (used.user + used.system) / 1e6;
  const wallSecs = Number(process.hrtime.bigint() - wall) / 1e9;
  const data = lines.filter((l) => !l.startsWith('#')).length;
  if (events !== data) throw new Error(`${name}: ${data - events} lines rejected`);
  console.log(JSON.stringify({ name, value: Math.round(data / secs), unit: 'lines/cpu-s' }));
  console.log(JSON.stringify({ name: `${name}.wall`, value: Math.round(data / wallSecs), unit: 'lines/s' }));
}

const connLines = (): string[] => [...HEADER, ...Array.from({ length: N }, (_, i) => connLine(i))];
run('decode.zeek-conn-tsv', 'zeek', connLines());

// The same lines from a file through readLogFile (read, split into lines, format sniffing, decode),
// with the generated input released first so its heap does not slow the collector.
const dir = mkdtempSync(join(tmpdir(), 'vaern-zeek-bench-'));
try {
  const path = join(dir, 'conn.log');
  writeFileSync(path, `${connLines().join('\n')}\n`);
  (globalThis as { gc?: () => void }).gc?.();
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let events = 0;
  for await (const b of readLogFile(path, { tenant: 't', sensor: 's' })) events += b.events.length;
  const used = process.cpuUsage(cpu);
  if (events !== N) throw new Error(`file: ${N - events} lines rejected`);
  console.log(JSON.stringify({ name: 'file.zeek-conn-tsv', value: Math.round(N / ((used.user + used.system) / 1e6)), unit: 'lines/cpu-s' }));
  console.log(JSON.stringify({ name: 'file.zeek-conn-tsv.wall', value: Math.round(N / (Number(process.hrtime.bigint() - wall) / 1e9)), unit: 'lines/s' }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

run('decode.suricata-flow', 'suricata', Array.from({ length: Math.min(N, 100_000) }, (_, i) => eveLine(i)));
