/**
 * What detection costs beside decoding, on the events a municipality produces (target, issue #4:
 * detection adds <= 30% to decode cost). Each input goes through the pipeline's stages batch by
 * batch in one process, as `vaern ingest` runs them: decode (FortiGate key=value, the registry's
 * decoder), enrich (direction, geo, AS), then every enabled detector. Each stage's CPU time (user
 * + system) is summed over the batches, so other load on a shared machine distorts the figures
 * less than wall time would; each figure is the median of BENCH_ROUNDS rounds, each round with a
 * fresh engine (warm code, cold detector state). Prints one JSON line per figure, with the load.
 *
 * Inputs:
 * - `fortigate`: `python3 ../shared/perf/gen/fortigate.py N` (62% denied inbound scans, 20%
 *   published services, 18% outbound), generated once into /tmp/perf/fg-detect.log;
 * - `municipal_day`: a day of the eval municipality (eval/world.ts: browsing, SaaS, DNS, file
 *   shares, VPN logins, periodic check-ins, internet noise) written as the FortiGate lines that
 *   would carry it (traffic, DNS and VPN event logs).
 * Lines are separate strings copied out of one buffer, as parse workers and listeners make them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseDetectConfig } from '../src/detect/config.ts';
import { createDetectionEngine } from '../src/detect/engine.ts';
import type { VaernEvent } from '../src/model/event.ts';
import { createEnrichment } from '../src/enrich/pipeline.ts';
import { decodeBatch } from '../src/telemetry/decode-batch.ts';
import { Rng } from '../eval/random.ts';
import { HOUR, TENANT, backgroundHour, buildWorld } from '../eval/world.ts';

const N = Number(process.env['BENCH_LINES'] ?? 200_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const BATCH = 4096;
const FILE = '/tmp/perf/fg-detect.log';

function cpuSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, load: loadavg()[0]!.toFixed(1) }));
}

/** Each line its own flat string, not a slice of one big string (slices decode about 20% slower). */
function splitLines(buf: Buffer, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < buf.length && lines.length < max) {
    const nl = buf.indexOf(10, start);
    const end = nl < 0 ? buf.length : nl;
    if (end > start) lines.push(buf.toString('utf8', start, end));
    start = end + 1;
  }
  return lines;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** A FortiGate log line carrying an eval event: a VPN login, a DNS query or a traffic log. */
function fortigateLine(e: VaernEvent, seq: number): string {
  const d = new Date(e['@timestamp']);
  const head =
    `date=${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} time=${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ` +
    `devname="FGT100F-KOMMUNE" devid="FG100FTK22004711" eventtime=${e['@timestamp']}000000 tz="+0000"`;
  const src = e['source.ip'] ?? '0.0.0.0';
  const dst = e['destination.ip'] ?? '0.0.0.0';
  if (e['event.category']?.includes('authentication') === true) {
    const ok = e['event.outcome'] === 'success';
    return (
      `${head} logid="${ok ? '0101039424' : '0101039426'}" type="event" subtype="vpn" level="${ok ? 'information' : 'alert'}" vd="root" ` +
      `action="${ok ? 'tunnel-up' : 'ssl-login-fail'}" tunneltype="${ok ? 'ssl-tunnel' : 'ssl-web'}" remip=${src} user="${e['user.name'] ?? ''}" ` +
      `group="vpn-users" dst_host="N/A" reason="${ok ? 'tunnel established' : 'sslvpn_login_permission_denied'}" msg="SSL ${ok ? 'tunnel established' : 'user failed to logged in'}"`
    );
  }
  const conn = `srcip=${src} srcport=${e['source.port'] ?? 50000 + (seq % 15000)} srcintf="internal" dstip=${dst} dstport=${e['destination.port'] ?? 0} dstintf="wan1" sessionid=${seq}`;
  const name = e['dns.question.name'];
  if (name !== undefined) {
    return `${head} logid="1501054802" type="utm" subtype="dns" eventtype="dns-response" level="information" vd="root" policyid=1 ${conn} proto=17 profile="default" xid=${seq % 65536} qname="${name}" qtype="${e['dns.question.type'] ?? 'A'}" qclass="IN"`;
  }
  const denied = e['event.action'] === 'denied';
  const proto = e['network.transport'] === 'udp' ? 17 : 6;
  const seconds = Math.round((e['event.duration'] ?? 0) / 1e9);
  const host = e['destination.domain'] !== undefined ? ` hostname="${e['destination.domain']}"` : '';
  return (
    `${head} logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" ${conn} proto=${proto} ` +
    `action="${denied ? 'deny' : 'close'}" policyid=${denied ? 0 : 2} policytype="policy" service="${proto === 17 ? 'udp' : 'tcp'}/${e['destination.port'] ?? 0}"${host} ` +
    `duration=${seconds} sentbyte=${e['source.bytes'] ?? 0} rcvdbyte=${e['destination.bytes'] ?? 0} sentpkt=${denied ? 1 : 4} rcvdpkt=${denied ? 0 : 6} appcat="unscanned"`
  );
}

function fortigateInput(): string[] {
  if (!existsSync(FILE)) {
    mkdirSync('/tmp/perf', { recursive: true });
    execFileSync('python3', [new URL('../../shared/perf/gen/fortigate.py', import.meta.url).pathname, String(N), FILE]);
  }
  return splitLines(readFileSync(FILE), N);
}

function municipalDayInput(): string[] {
  const rng = new Rng(1);
  const start = Date.UTC(2026, 2, 2);
  const world = buildWorld(rng, start);
  const text: string[] = [];
  for (let h = 0; h < 24; h++) {
    for (const e of backgroundHour(world, rng, start + h * HOUR).sort((a, b) => a['@timestamp'] - b['@timestamp'])) text.push(fortigateLine(e, text.length));
  }
  return splitLines(Buffer.from(text.join('\n')), Infinity);
}

interface Round {
  events: number;
  /** Lines the decoder refused (the eval world makes a few addresses like 10.20.2.259). */
  rejected: number;
  decode: number;
  enrich: number;
  detect: number;
  updates: number;
}

function median(rounds: readonly Round[], key: keyof Round): number {
  const xs = rounds.map((r) => r[key]).sort((a, b) => a - b);
  return xs[xs.length >> 1]!;
}

function run(name: string, lines: readonly string[], tenant: string, networks: string[]): void {
  const ctx = { tenant, sensor: 'fw', format: 'fortigate', origin: 'bench', receivedAt: Date.UTC(2026, 10, 2) };
  const enrichment = createEnrichment({ tenants: () => new Map([[tenant, { networks }]]) });
  const config = parseDetectConfig({});
  const batches: string[][] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(lines.slice(i, i + BATCH));
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const engine = createDetectionEngine(config);
    const round: Round = { events: 0, rejected: 0, decode: 0, enrich: 0, detect: 0, updates: 0 };
    for (const b of batches) {
      let t = process.cpuUsage();
      const { events, rejects } = decodeBatch(b, ctx);
      round.decode += cpuSince(t);
      round.rejected += rejects.length;
      t = process.cpuUsage();
      enrichment.enrich(events);
      round.enrich += cpuSince(t);
      t = process.cpuUsage();
      const now = events[events.length - 1]!['@timestamp'];
      round.updates += engine.process(events, now).length;
      engine.evict(now);
      round.detect += cpuSince(t);
      round.events += events.length;
    }
    rounds.push(round);
  }
  const events = rounds[0]!.events;
  const decode = median(rounds, 'decode');
  const detect = median(rounds, 'detect');
  emit(`detect.${name}.decode`, events / decode, 'events/cpu-s');
  emit(`detect.${name}.enrich`, events / median(rounds, 'enrich'), 'events/cpu-s');
  emit(`detect.${name}.engine`, events / detect, 'events/cpu-s');
  emit(`detect.${name}.overhead`, (100 * detect) / decode, '% of decode cpu');
  emit(`detect.${name}.events`, events, 'events');
  emit(`detect.${name}.rejected`, rounds[0]!.rejected, 'lines');
  emit(`detect.${name}.alert_updates`, rounds[0]!.updates, 'updates');
}

run('fortigate', fortigateInput(), 'bench', ['198.51.100.0/24', '10.0.0.0/8']);
run('municipal_day', municipalDayInput(), TENANT, ['10.0.0.0/8', '195.184.50.0/24']);
