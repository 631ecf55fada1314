/**
 * Decode throughput of the firewall / VPN / auth decoders (Cisco ASA/FTD, Check Point, Sophos,
 * SonicWall, Juniper SRX, OpenSSH, CEF, LEEF) on their fixture lines repeated, syslog header
 * included, one core; and of auto-detection over a mix of all of them (every sniff in registry
 * order, with the per-stream detection cache defeated by the mix). Figures are lines per
 * CPU-second of this process, with wall-clock beside them. One JSON line per figure.
 */
import { readFileSync } from 'node:fs';
import { decodeBatch } from '../src/telemetry/decode-batch.ts';

const FORMATS = ['cisco-asa', 'checkpoint', 'sophos', 'sonicwall', 'juniper-srx', 'openssh', 'cef', 'leef'];
const N = Number(process.env['BENCH_LINES'] ?? 200_000);
const BATCH = 4096;

function fixtureLines(format: string): string[] {
  const cases = JSON.parse(readFileSync(new URL(`../test/fixtures/decoders/${format}.json`, import.meta.url), 'utf8')) as { line: string; expected?: unknown }[];
  return cases.filter((c) => c.expected !== undefined).map((c) => c.line);
}

function repeat(sample: readonly string[]): string[] {
  return Array.from({ length: N }, (_, i) => sample[i % sample.length]!);
}

function run(name: string, format: string, lines: readonly string[]): void {
  const ctx = { tenant: 't', sensor: 's', format, origin: 'bench', receivedAt: Date.UTC(2026, 10, 23) };
  for (let i = 0; i < Math.min(lines.length, 50_000); i += BATCH) decodeBatch(lines.slice(i, i + BATCH), ctx);
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let events = 0;
  for (let i = 0; i < lines.length; i += BATCH) events += decodeBatch(lines.slice(i, i + BATCH), ctx).events.length;
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
  if (events !== lines.length) throw new Error(`${name}: ${lines.length - events} lines rejected`);
  console.log(JSON.stringify({ name, value: Math.round(lines.length / ((used.user + used.system) / 1e6)), unit: 'lines/cpu-s' }));
  console.log(JSON.stringify({ name: `${name}.wall`, value: Math.round(lines.length / seconds), unit: 'lines/s' }));
}

const all: string[] = [];
for (const format of FORMATS) {
  const sample = fixtureLines(format);
  all.push(...sample);
  run(`decode.${format}`, format, repeat(sample));
}
run('decode.auto-mix', 'auto', repeat(all));
