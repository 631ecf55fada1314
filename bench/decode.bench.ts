/**
 * Decode throughput per format on generated lines: syslog header + decoder, one core. Figures are
 * lines per CPU-second of this process (user + system), median of BENCH_ROUNDS rounds, so that
 * other load on a shared machine distorts them less; wall-clock figures and the load average are
 * printed beside them.
 * Inputs come from the perf generators when present (/tmp/perf/*.log, see ../shared/perf/README.md),
 * else from built-in sample lines repeated. Prints one JSON line per figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { decodeBatch } from '../src/telemetry/decode-batch.ts';
import { toEcsJson } from '../src/model/ecs-json.ts';

const SAMPLES: Record<string, string[]> = {
  fortigate: ['date=2026-11-02 time=08:00:00 devname="FGT100F-KOMMUNE" devid="FG100FTK22004711" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" eventtime=1793602800002850532 tz="+0100" srcip=10.20.15.232 srcport=24134 srcintf="internal" srcintfrole="lan" dstip=142.251.250.177 dstport=443 dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="United States" sessionid=3957283 proto=6 action="close" policyid=2 policytype="policy" poluuid="666048cd-7b32-4a2d-7f5f-3b3dd7cdfaf0" policyname="lan-to-internet" service="HTTPS" trandisp="snat" transip=198.51.100.1 transport=24134 duration=3 sentbyte=75 rcvdbyte=17286 sentpkt=1 rcvdpkt=14 appcat="unscanned" mastersrcmac="00:50:56:14:0f:e8" srcmac="00:50:56:14:0f:e8" srcserver=0'],
  panos: ['1,2026/11/02 08:00:00,012801045678,TRAFFIC,drop,2561,2026/11/02 08:00:00,95.165.23.112,198.51.100.29,0.0.0.0,0.0.0.0,block-inbound-any,,,not-applicable,vsys1,untrust,dmz,ethernet1/1,ethernet1/3,syslog-siem,2026/11/02 08:00:00,489221,1,63064,23,0,0,0x0,tcp,deny,60,60,0,1,2026/11/02 08:00:00,0,any,0,7253419119627813740,0x0,"Korea, Republic of",Norway,0,1,0,policy-deny,0,0,0,0,,PA-3220-KOMMUNE,from-policy,,,0,,0,,N/A,0,0,0,0,8b49ec0c-0270-f649-ff95-f7bb4334f859,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,2026-11-02T08:00:00.007+01:00,,,,,,,,,,no,no,0'],
  filterlog: [
    '<134>1 2021-07-03T19:10:14.578288-05:00 pfSense.example.com filterlog 72237 - - 146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,32989,0,DF,6,tcp,60,10.170.12.50,1.1.1.1,49652,853,0,S,1818117648,,64240,,mss;sackOK;TS;nop;wscale',
    '<134>Dec 31 22:02:55 fw filterlog[15307]: 6,,,1000000105,igb1.27,match,block,in,6,0x00,0xf6279,1,UDP,17,32,fe80::208:9bff:fef3:652b,ff02::1:2,546,547,32',
  ],
};
/** Generated inputs (BENCH_FORTIGATE / BENCH_PANOS override the paths). */
const FILES: Record<string, string> = {
  fortigate: process.env['BENCH_FORTIGATE'] ?? '/tmp/perf/fg.log',
  panos: process.env['BENCH_PANOS'] ?? '/tmp/perf/pa.log',
};
const N = Number(process.env['BENCH_LINES'] ?? 200_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

/**
 * One string per line, copied out of the file's bytes as `vaern parse` workers and the UDP
 * listener make them: slices of one big string (what `split` gives) decode about 20% slower,
 * because every character read goes through the slice.
 */
function input(format: string): string[] {
  const file = FILES[format];
  if (file !== undefined && existsSync(file)) {
    const buf = readFileSync(file);
    const lines: string[] = [];
    for (let start = 0; start < buf.length && lines.length < N;) {
      let nl = buf.indexOf(10, start);
      if (nl < 0) nl = buf.length;
      if (nl > start) lines.push(buf.toString('utf8', start, nl));
      start = nl + 1;
    }
    return lines;
  }
  const s = SAMPLES[format]!;
  return Array.from({ length: N }, (_, i) => s[i % s.length]!);
}

/** Median over ROUNDS of lines per CPU-second (user + system) and per wall-second. */
function measure(name: string, n: number, run: () => void): void {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    run();
    const used = process.cpuUsage(c);
    wall.push(n / (Number(process.hrtime.bigint() - t) / 1e9));
    cpu.push(n / ((used.user + used.system) / 1e6));
  }
  const median = (xs: number[]): number => Math.round(xs.sort((a, b) => a - b)[xs.length >> 1]!);
  console.log(JSON.stringify({ name, value: median(cpu), unit: 'lines/cpu-s', load: loadavg()[0]!.toFixed(1) }));
  console.log(JSON.stringify({ name: `${name}.wall`, value: median(wall), unit: 'lines/s' }));
}

for (const format of ['fortigate', 'panos', 'filterlog']) {
  const lines = input(format);
  const ctx = { tenant: 't', sensor: 's', format, origin: 'bench', receivedAt: Date.UTC(2026, 10, 23) };
  const BATCH = 4096;
  const batches: string[][] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(lines.slice(i, i + BATCH));
  let count = 0;
  for (const b of batches) count += decodeBatch(b, ctx).events.length;
  if (count !== lines.length) throw new Error(`${format}: ${lines.length - count} lines rejected`);
  measure(`decode.${format}`, lines.length, () => {
    for (const b of batches) decodeBatch(b, ctx);
  });
  // Serialising to ECS JSON is what `vaern parse` adds on top of decoding.
  let bytes = 0;
  measure(`decode+json.${format}`, lines.length, () => {
    for (const b of batches) for (const e of decodeBatch(b, ctx).events) bytes += toEcsJson(e).length;
  });
  void bytes;
}
