import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import type { VaernEvent } from '../src/model/event.ts';
import { decodeStream, readLogFile } from '../src/telemetry/files/read-log-file.ts';
import { parseNetflowFiles } from '../src/telemetry/netflow/files.ts';

/**
 * Real background traffic from the shared corpora (../shared/corpora, read at eval time, never
 * copied into the repository), decoded by Vaern's own readers exactly as `vaern detect` reads
 * files: the Zeek reader, the NetFlow/IPFIX decoder, and the syslog decoders under `auto`.
 *
 * Each source is a list of segments: one capture each (a log file, a NetFlow test's payloads),
 * with the real times, addresses and names of the capture. eval/background.ts replays them into
 * the eval days.
 */

export interface Segment {
  readonly origin: string;
  /** Decoded events in time order. */
  readonly events: VaernEvent[];
}

export interface CorpusSource {
  readonly name: string;
  readonly what: string;
  readonly segments: Segment[];
  readonly files: number;
  readonly rejects: number;
}

export interface CorpusLoad {
  readonly sources: CorpusSource[];
  /** Folders that were not there: their background is skipped, and the run says so. */
  readonly missing: string[];
}

const ctx = (tenant: string, sensor: string): { tenant: string; sensor: string } => ({ tenant, sensor });

/**
 * WRCCDC 2018 logs that carry connections (the rest are certificates, files and statistics).
 * `weird` is left out: 23,000 of its 24,000 records are one red-team host's malformed HTTP against
 * one server, which no detector reads and which would double the replay's cost.
 */
export const WRCCDC_LOGS = ['dns', 'ssl', 'rdp', 'ssh', 'smb_mapping', 'dce_rpc', 'ntlm', 'kerberos', 'ntp', 'snmp', 'smtp', 'ftp', 'notice'];

/** Zeek's regression logs of the connection-level types; their `XXXXXXXXXX.XXXXXX` masked times are replaced (see below). */
const BTEST_LOGS = new Set(['conn.log', 'dns.log', 'http.log', 'ssl.log']);

/** The firewall samples of elastic-integrations, one syslog file each. */
const FIREWALL_FILES = [
  'fortinet_fortigate/data_stream/log/_dev/test/pipeline/test-fortinet.log',
  'pfsense/data_stream/log/_dev/test/pipeline/test-pfsense-syslog.log',
  'pfsense/data_stream/log/_dev/test/pipeline/test-opensense.log',
  'iptables/data_stream/log/_dev/test/pipeline/test-iptables-raw.log',
  'sonicwall_firewall/data_stream/log/_dev/test/pipeline/test-general.log',
  'panw/data_stream/panos/_dev/test/pipeline/test-panw-panos-traffic-sample.log.selected10',
];

export async function loadCorpora(dir: string, tenant: string): Promise<CorpusLoad> {
  const sources: CorpusSource[] = [];
  const missing: string[] = [];
  const add = (folder: string, source: CorpusSource | undefined): void => {
    if (source === undefined || source.segments.length === 0) missing.push(folder);
    else sources.push(source);
  };
  add('zed-sample-data', await wrccdc(join(dir, 'zed-sample-data', 'zeek-default'), tenant));
  add('zeek/testing/btest/Baseline', await btest(join(dir, 'zeek', 'testing', 'btest', 'Baseline'), tenant));
  add('flowbeat, logstash-codec-netflow', await netflow(dir, tenant));
  add('elastic-integrations', await firewalls(join(dir, 'elastic-integrations', 'packages'), tenant));
  return { sources, missing };
}

/** The files that exist among `paths`, each decoded (format told per file, as `vaern detect` does). */
async function readFiles(paths: readonly string[], tenant: string, sensor: string): Promise<{ perFile: { path: string; events: VaernEvent[] }[]; rejects: number }> {
  const perFile: { path: string; events: VaernEvent[] }[] = [];
  let rejects = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const events: VaernEvent[] = [];
    for await (const b of readLogFile(path, { ...ctx(tenant, sensor), format: 'auto' })) {
      for (const e of b.events) events.push(e);
      rejects += b.rejects.length;
    }
    perFile.push({ path, events });
  }
  return { perFile, rejects };
}

function byTime(events: VaernEvent[]): VaernEvent[] {
  return events.sort((a, b) => a['@timestamp'] - b['@timestamp']);
}

async function wrccdc(dir: string, tenant: string): Promise<CorpusSource | undefined> {
  if (!existsSync(dir)) return undefined;
  const { perFile, rejects } = await readFiles(WRCCDC_LOGS.map((log) => join(dir, `${log}.log.gz`)), tenant, 'bg-wrccdc');
  // One capture: all logs form a single segment, so the replay keeps their relative timing.
  const all = byTime(perFile.flatMap((f) => f.events));
  return { name: 'wrccdc-zeek', what: 'Zeek 6.2 over WRCCDC 2018 (zed-sample-data)', segments: [{ origin: dir, events: all }], files: perFile.length, rejects };
}

const MASKED = /^XXXXXXXXXX\.XXXXXX/;

async function btest(dir: string, tenant: string): Promise<CorpusSource | undefined> {
  if (!existsSync(dir)) return undefined;
  const segments: Segment[] = [];
  const seen = new Set<string>();
  let rejects = 0;
  let files = 0;
  for (const test of readdirSync(dir).sort()) {
    const sub = join(dir, test);
    if (!statSync(sub).isDirectory()) continue;
    for (const name of readdirSync(sub).sort()) {
      if (!BTEST_LOGS.has(name)) continue;
      // Zeek's baselines mask times that vary between runs; the reader rightly rejects them. Such
      // records get times one second apart in file order, so they still enter the replay.
      let masked = 0;
      const text = (await readFile(join(sub, name), 'utf8'))
        .split('\n')
        .map((l) => (MASKED.test(l) ? `${1_500_000_000 + masked++}.000000${l.slice(17)}` : l))
        .join('\n');
      const events: VaernEvent[] = [];
      for await (const b of decodeStream(Readable.from([text]), join(sub, name), { tenant, sensor: 'bg-btest', format: 'auto' })) {
        for (const e of b.events) events.push(e);
        rejects += b.rejects.length;
      }
      files++;
      // Many tests read the same trace and log the same connections: one capture counts once.
      const key = `${name}|${events.map((e) => `${e['source.ip']}>${e['destination.ip']}:${e['destination.port']}/${e['dns.question.name'] ?? e['url.path'] ?? ''}`).join(',')}`;
      if (events.length > 0 && !seen.has(key)) {
        seen.add(key);
        segments.push({ origin: `${test}/${name}`, events: byTime(events) });
      }
    }
  }
  return { name: 'zeek-btest', what: "Zeek's regression-test conn/dns/http/ssl logs", segments, files, rejects };
}

/**
 * NetFlow/IPFIX payloads: flowbeat's tests in their listed order (templates first), then the
 * Logstash codec's payloads flowbeat does not have, grouped by capture (name up to `_tpl`/`_data`)
 * with template files first. Each group is one segment with its own template cache.
 */
async function netflow(dir: string, tenant: string): Promise<CorpusSource | undefined> {
  const groups: string[][] = [];
  const seen = new Set<string>();
  const fbBase = join(dir, 'flowbeat', 'testdata');
  const index = join(fbBase, 'dat_tests.yaml');
  if (existsSync(index)) {
    const tests = (parseYaml(await readFile(index, 'utf8')) as { tests: Record<string, string[]> }).tests;
    for (const files of Object.values(tests)) {
      groups.push(files.map((f) => join(fbBase, 'dat', f)));
      for (const f of files) seen.add(f);
    }
  }
  const lsDir = join(dir, 'logstash-codec-netflow', 'spec', 'codecs');
  if (existsSync(lsDir)) {
    const byCapture = new Map<string, string[]>();
    for (const f of readdirSync(lsDir).filter((n) => n.endsWith('.dat') && !seen.has(n)).sort()) {
      const key = f.replace(/_(tpl|data|opttpl|tpldata|options).*$/, '').replace(/\.dat$/, '');
      byCapture.set(key, [...(byCapture.get(key) ?? []), join(lsDir, f)]);
    }
    for (const files of byCapture.values()) groups.push(files.sort((a, b) => Number(!basename(a).includes('tpl')) - Number(!basename(b).includes('tpl'))));
  }
  if (groups.length === 0) return undefined;
  const segments: Segment[] = [];
  let rejects = 0;
  let files = 0;
  for (const [i, paths] of groups.entries()) {
    const events: VaernEvent[] = [];
    // A distinct exporter per capture, so one capture's templates never decode another's data.
    for await (const b of parseNetflowFiles(paths, { tenant, sensor: 'bg-netflow', exporter: `192.0.2.${1 + (i % 250)}` })) {
      for (const e of b.events) events.push(e);
      rejects += b.rejects.length;
    }
    files += paths.length;
    if (events.length > 0) segments.push({ origin: basename(paths[paths.length - 1]!), events: byTime(events) });
  }
  return { name: 'netflow', what: 'NetFlow v5/v9/IPFIX payloads of real exporters (flowbeat, logstash-codec-netflow)', segments, files, rejects };
}

async function firewalls(dir: string, tenant: string): Promise<CorpusSource | undefined> {
  if (!existsSync(dir)) return undefined;
  const { perFile, rejects } = await readFiles(FIREWALL_FILES.map((rel) => join(dir, rel)), tenant, 'bg-firewall');
  const segments = perFile.filter((f) => f.events.length > 0).map((f) => ({ origin: basename(f.path), events: byTime(f.events) }));
  return { name: 'firewall', what: 'FortiGate, pfSense, OPNsense, iptables, SonicWall and PAN-OS samples (elastic-integrations)', segments, files: perFile.length, rejects };
}
