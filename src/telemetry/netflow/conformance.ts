import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { VaernEvent } from '../../model/event.ts';
import { createNetflowDecoder, type NetflowOutput } from './decoder.ts';

/**
 * Checks the NetFlow decoders against the shared corpora (../shared/corpora): the flowbeat and
 * Filebeat golden files and the Logstash codec's RSpec expectations. Read-only; the corpora are
 * never copied into the repository.
 *
 * One row per corpus case. `expected` counts the expectations Vaern can be held to:
 * - flowbeat / Filebeat goldens: each expected flow event, matched one to one on the 5-tuple and
 *   the forward byte count (before sampling scale); a case whose golden has no events counts once,
 *   reproduced when Vaern produces no flows either. Cases where flowbeat itself failed
 *   ("failed to decode payload") are left to the Logstash rows, which decode them.
 *   Filebeat's options events count too, against Vaern's options records.
 * - Logstash: the asserted event count (Logstash emits options records as events, so the
 *   comparison is flows + options records), and each field assertion on a field Vaern maps,
 *   held as reproduced when some flow of the case has that value (Logstash's event order
 *   interleaves options records, which Vaern does not emit).
 */
export interface ConformanceRow {
  source: string;
  expected: number;
  reproduced: number;
}

const EXPORTER = '192.0.2.1';

interface Decoded {
  events: VaernEvent[];
  options: number;
}

async function decodeFiles(paths: readonly string[]): Promise<Decoded> {
  const decoder = createNetflowDecoder();
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  for (const path of paths) {
    const src = { tenant: 'conformance', sensor: 'corpus', exporter: EXPORTER, origin: path, receivedAt: 0 };
    decoder.decode(await readFile(path), src, out);
  }
  decoder.drain(out);
  return { events: out.events, options: out.optionsRecords };
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function at(o: Json | undefined, path: string): Json | undefined {
  let node: Json | undefined = o;
  for (const seg of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[seg];
  }
  return node;
}

function first(o: Json, paths: readonly string[]): Json | undefined {
  for (const p of paths) {
    const v = at(o, p);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** The identity of a golden flow, in both IE naming styles (flowbeat camelCase, Filebeat snake_case). */
function goldenKey(fields: Json): string {
  const pick = (...names: string[]): Json | undefined => first(fields, names.map((n) => `netflow.${n}`));
  return [
    pick('sourceIPv4Address', 'sourceIPv6Address', 'source_ipv4_address', 'source_ipv6_address'),
    pick('sourceTransportPort', 'source_transport_port'),
    pick('destinationIPv4Address', 'destinationIPv6Address', 'destination_ipv4_address', 'destination_ipv6_address'),
    pick('destinationTransportPort', 'destination_transport_port'),
    pick('protocolIdentifier', 'protocol_identifier'),
    pick('octetDeltaCount', 'octet_delta_count', 'octetTotalCount', 'initiatorOctets'),
  ].join('|');
}

function eventKey(e: VaernEvent): string {
  const k = e['vaern.sampling_interval'] ?? 1;
  const bytes = e['source.bytes'];
  const proto = e['network.iana_number'];
  return [
    e['source.ip'],
    e['source.port'],
    e['destination.ip'],
    e['destination.port'],
    proto === undefined ? undefined : Number(proto),
    bytes === undefined ? undefined : bytes / k,
  ].join('|');
}

/** Golden events matched one to one (a multiset intersection of keys). */
function matchCount(golden: readonly Json[], events: readonly VaernEvent[]): number {
  const have = new Map<string, number>();
  for (const e of events) {
    const k = eventKey(e);
    have.set(k, (have.get(k) ?? 0) + 1);
  }
  let n = 0;
  for (const g of golden) {
    const k = goldenKey(at(g, 'Fields') ?? null);
    const c = have.get(k) ?? 0;
    if (c > 0) {
      have.set(k, c - 1);
      n++;
    }
  }
  return n;
}

async function goldenRows(label: string, goldenPath: string, files: readonly string[]): Promise<ConformanceRow | undefined> {
  const golden = JSON.parse(await readFile(goldenPath, 'utf8')) as JsonObject;
  if (typeof golden.error === 'string') return undefined;
  const all = Array.isArray(golden.events) ? golden.events : [];
  const isOptions = (g: Json): boolean => at(g, 'Fields.netflow.type') === 'netflow_options';
  const flows = all.filter((g) => !isOptions(g));
  const options = all.length - flows.length;
  const got = await decodeFiles(files);
  if (all.length === 0) return { source: label, expected: 1, reproduced: got.events.length === 0 ? 1 : 0 };
  return {
    source: label,
    expected: all.length,
    reproduced: matchCount(flows, got.events) + Math.min(options, got.options),
  };
}

async function flowbeat(corpora: string): Promise<ConformanceRow[]> {
  const base = join(corpora, 'flowbeat', 'testdata');
  const index = join(base, 'dat_tests.yaml');
  if (!existsSync(index)) return [];
  const tests = (parseYaml(await readFile(index, 'utf8')) as { tests: Record<string, string[]> }).tests;
  const rows: ConformanceRow[] = [];
  const beats = join(corpora, 'elastic-beats', 'x-pack', 'filebeat', 'input', 'netflow', 'testdata', 'golden');
  for (const [name, files] of Object.entries(tests)) {
    const paths = files.map((f) => join(base, 'dat', f));
    const fb = join(base, 'golden', goldenName(name));
    if (existsSync(fb)) {
      const row = await goldenRows(`flowbeat: ${name}`, fb, paths);
      if (row !== undefined) rows.push(row);
    }
    const eb = join(beats, goldenName(name));
    if (existsSync(eb)) {
      const row = await goldenRows(`elastic-beats: ${name}`, eb, paths);
      if (row !== undefined) rows.push(row);
    }
  }
  return rows;
}

/** Beats names golden files after the test: spaces become dashes, dashes double, '/' becomes '-'. */
function goldenName(test: string): string {
  return `${test.replace(/-/g, '--').replace(/[ /]/g, '-')}.golden.json`;
}

/** Logstash field names Vaern maps: the Vaern field, and how a Logstash value reads in Vaern's form. */
const LOGSTASH_FIELDS: Record<string, { field: keyof VaernEvent; norm?: (v: unknown) => unknown }> = {
  ipv4_src_addr: { field: 'source.ip' },
  sourceIPv4Address: { field: 'source.ip' },
  ipv6_src_addr: { field: 'source.ip' },
  sourceIPv6Address: { field: 'source.ip' },
  ipv4_dst_addr: { field: 'destination.ip' },
  destinationIPv4Address: { field: 'destination.ip' },
  ipv6_dst_addr: { field: 'destination.ip' },
  destinationIPv6Address: { field: 'destination.ip' },
  l4_src_port: { field: 'source.port' },
  sourceTransportPort: { field: 'source.port' },
  l4_dst_port: { field: 'destination.port' },
  destinationTransportPort: { field: 'destination.port' },
  protocol: { field: 'network.iana_number', norm: (v) => String(v) },
  protocolIdentifier: { field: 'network.iana_number', norm: (v) => String(v) },
  tcp_flags: { field: 'vaern.tcp_flags' },
  tcpControlBits: { field: 'vaern.tcp_flags' },
  in_bytes: { field: 'source.bytes' },
  octetDeltaCount: { field: 'source.bytes' },
  fwd_flow_delta_bytes: { field: 'source.bytes' },
  rev_flow_delta_bytes: { field: 'destination.bytes' },
  in_pkts: { field: 'source.packets' },
  src_as: { field: 'source.as.number' },
  dst_as: { field: 'destination.as.number' },
  postNATDestinationIPv4Address: { field: 'destination.nat.ip' },
  in_src_mac: { field: 'source.mac', norm: (v) => String(v).toUpperCase().replace(/:/g, '-') },
  in_dst_mac: { field: 'destination.mac', norm: (v) => String(v).toUpperCase().replace(/:/g, '-') },
  flowStartSeconds: { field: 'event.start', norm: (v) => Number(v) * 1000 },
  flowEndSeconds: { field: 'event.end', norm: (v) => Number(v) * 1000 },
};

const READ = /IO\.read\(File\.join\(File\.dirname\(__FILE__\), "([^"]+)"\)/g;

/** Split the RSpec file into cases: each `context`/`describe` block with its data files in decode order. */
function logstashCases(spec: string): { name: string; files: string[]; body: string }[] {
  const heads = [...spec.matchAll(/^\s*(?:context|describe)\s+(?:LogStash::Codecs::Netflow,\s*)?(?:'([^']*)'|"([^"]*)")/gm)];
  return heads.map((h, i) => {
    const body = spec.slice(h.index, heads[i + 1]?.index ?? spec.length);
    // Cached-template cases decode `let(:templates)` before `let(:data)`.
    const tplAt = body.indexOf('let(:templates)');
    const reads = [...body.matchAll(READ)].map((m) => ({ file: m[1]!, tpl: tplAt >= 0 && m.index > tplAt && m.index < body.indexOf('let(', tplAt + 1) }));
    const files = [...reads.filter((r) => r.tpl), ...reads.filter((r) => !r.tpl)].map((r) => r.file);
    return { name: (h[1] ?? h[2] ?? '').trim(), files, body };
  });
}

function rubyValue(text: string): unknown {
  const t = text.trim();
  const q = /^(['"])(.*)\1$/.exec(t);
  if (q) return q[2];
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

async function logstash(corpora: string): Promise<ConformanceRow[]> {
  const dir = join(corpora, 'logstash-codec-netflow', 'spec', 'codecs');
  const specPath = join(dir, 'netflow_spec.rb');
  if (!existsSync(specPath)) return [];
  const rows: ConformanceRow[] = [];
  for (const c of logstashCases(await readFile(specPath, 'utf8'))) {
    if (c.files.length === 0) continue;
    const got = await decodeFiles(c.files.map((f) => join(dir, f)));
    let expected = 0;
    let reproduced = 0;
    const size = /expect\(decode\.size\)\.to eq\((\d+)\)/.exec(c.body);
    if (size) {
      expected++;
      if (got.events.length + got.options === Number(size[1])) reproduced++;
    }
    for (const m of c.body.matchAll(/expect\(decode\[\d+\]\.get\("\[netflow\]\[(\w+)\]"\)\)\.to eq\(([^)]*)\)/g)) {
      const map = LOGSTASH_FIELDS[m[1]!];
      const want = rubyValue(m[2]!);
      if (map === undefined || want === undefined) continue;
      expected++;
      const target = map.norm === undefined ? want : map.norm(want);
      if (got.events.some((e) => e[map.field] === target)) reproduced++;
    }
    if (expected === 0) {
      // "does not raise" cases: decoding without a fault is the whole expectation.
      expected = 1;
      reproduced = 1;
    }
    rows.push({ source: `logstash: ${c.name}`, expected, reproduced });
  }
  return rows;
}

/** Run every corpus case found under `corporaDir`; missing corpora give no rows. */
export async function runNetflowConformance(corporaDir: string): Promise<ConformanceRow[]> {
  return [...(await flowbeat(corporaDir)), ...(await logstash(corporaDir))];
}
