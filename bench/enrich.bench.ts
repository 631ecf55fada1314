/**
 * Enrichment figures on one core: ASN table load time and memory, geo and ASN lookups/s, intel
 * build and match rates with 100k indicators, and events/s for the whole one-pass enrichment of
 * realistic batches (public sources from many countries, mostly private destinations).
 * Prints JSON lines {"name","value","unit"}.
 *
 * Times are the process's CPU time (user + system), not wall time: the shared build hosts run
 * many jobs at once, and wall time there measured the neighbours. GC helper threads count too,
 * so the figures are slightly conservative for a single busy core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaernEvent } from '../src/model/event.ts';
import { AssetInventory } from '../src/enrich/assets.ts';
import { AsnDb } from '../src/enrich/asn.ts';
import { GeoDb } from '../src/enrich/geo.ts';
import type { IntelEntry } from '../src/enrich/intel/entry.ts';
import { IntelMatcher } from '../src/enrich/intel/matcher.ts';
import { formatIPv4, IpAddr, parseIp, parseIpInto } from '../src/enrich/ip.ts';
import { createEnrichment } from '../src/enrich/pipeline.ts';
import { isGlobal } from '../src/enrich/special.ts';

const out = (name: string, value: number, unit: string): void => console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const seconds = (t0: number): number => cpu() - t0;

let seed = 42;
const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);

// --- loading ---------------------------------------------------------------------------------
const rss0 = process.memoryUsage().rss;
let t = cpu();
const asn = AsnDb.load();
out('enrich.asn.load-csv', seconds(t) * 1000, 'ms');
out('enrich.asn.rss', (process.memoryUsage().rss - rss0) / 2 ** 20, 'MiB');
out('enrich.asn.tables', asn.stats.tableBytes / 2 ** 20, 'MiB');
const cacheDir = mkdtempSync(join(tmpdir(), 'vaern-asn-bench-'));
AsnDb.load({ cacheDir });
t = cpu();
AsnDb.load({ cacheDir });
out('enrich.asn.load-cached', seconds(t) * 1000, 'ms');
rmSync(cacheDir, { recursive: true, force: true });
t = cpu();
const geo = GeoDb.open();
out('enrich.geo.open', seconds(t) * 1000, 'ms');
out('enrich.rss.after-load', process.memoryUsage().rss / 2 ** 20, 'MiB');

// --- addresses ---------------------------------------------------------------------------------
/** Distinct global addresses: random IPv4 across the routed space, 10% IPv6 in routed /32s. */
function publicAddresses(n: number): string[] {
  const v6Prefixes = ['2a00:1450', '2a02:6b8', '2001:4860', '2a01:4f8', '2a03:2880', '2400:cb00', '2001:67c', '2a05:d014', '240e:3b0', '2405:200'];
  const list: string[] = [];
  const a = new IpAddr();
  while (list.length < n) {
    if (list.length % 10 === 9) {
      list.push(`${v6Prefixes[rnd() % v6Prefixes.length]}:${(rnd() & 0xffff).toString(16)}::${(rnd() & 0xffff).toString(16)}`);
      continue;
    }
    const text = formatIPv4(rnd());
    if (parseIpInto(text, a) && isGlobal(a) && asn.row(a) >= 0) list.push(text);
  }
  return list;
}
const sources = publicAddresses(50_000);
const parsed = sources.map((s) => parseIp(s)!);

// --- geo and ASN lookups --------------------------------------------------------------------
const LOOKUPS = 1_000_000;
for (let warm = 0; warm < 2; warm++) for (let i = 0; i < 100_000; i++) geo.country(parsed[i % parsed.length]!, sources[i % sources.length]!);
t = cpu();
let found = 0;
for (let i = 0; i < LOOKUPS; i++) if (geo.country(parsed[i % parsed.length]!, sources[i % sources.length]!) !== undefined) found++;
out('enrich.geo.lookups', LOOKUPS / seconds(t), 'lookups/s');
out('enrich.geo.hit-rate', (found / LOOKUPS) * 100, '%');

for (let i = 0; i < 100_000; i++) asn.row(parsed[i % parsed.length]!);
t = cpu();
let orgChars = 0;
for (let i = 0; i < LOOKUPS; i++) {
  const row = asn.row(parsed[i % parsed.length]!);
  if (row >= 0) orgChars += asn.numberAt(row) > 0 ? asn.organizationAt(row).length : 0;
}
out('enrich.asn.lookups', LOOKUPS / seconds(t), 'lookups/s');
if (orgChars === 0) throw new Error('no ASN hits');

// --- intel ---------------------------------------------------------------------------------
function intelEntries(n: number): IntelEntry[] {
  const entries: IntelEntry[] = [];
  for (let i = 0; i < n; i++) {
    const r = i % 10;
    const base = { source: `feed${i % 7}`, confidence: rnd() % 101, expiresAt: i % 3 === 0 ? Date.now() + 86_400_000 : null };
    // Some listed addresses are among the traffic's sources, so the pass sees hits.
    if (r < 6) entries.push({ ...base, indicator: i % 50 === 0 ? sources[rnd() % sources.length]! : formatIPv4(rnd()), kind: 'ip' });
    else if (r < 7) entries.push({ ...base, indicator: `${formatIPv4(rnd() & 0xffffff00)}/24`, kind: 'cidr' });
    else entries.push({ ...base, indicator: `d${i}-${(rnd() % 1e6).toString(36)}.example`, kind: 'domain' });
  }
  return entries;
}
const entries = intelEntries(100_000);
t = cpu();
const intel = IntelMatcher.build(entries);
out('enrich.intel.build-100k', seconds(t) * 1000, 'ms');
const names = Array.from({ length: 50_000 }, (_, i) => (i % 50 === 0 ? `www.d${(i * 7) % 100_000}-x.example` : `host${i}.cdn${i % 300}.example.net`));
const now = Date.now();
for (let i = 0; i < 100_000; i++) intel.matchIp(parsed[i % parsed.length]!, now);
t = cpu();
for (let i = 0; i < LOOKUPS; i++) intel.matchIp(parsed[i % parsed.length]!, now);
out('enrich.intel.ip-matches-100k', LOOKUPS / seconds(t), 'lookups/s');
for (let i = 0; i < 100_000; i++) intel.matchDomain(names[i % names.length]!, now);
t = cpu();
for (let i = 0; i < LOOKUPS; i++) intel.matchDomain(names[i % names.length]!, now);
out('enrich.intel.domain-matches-100k', LOOKUPS / seconds(t), 'lookups/s');

// --- the whole pass -------------------------------------------------------------------------
const inventory = AssetInventory.from(
  new Map([
    [
      'nordby',
      Array.from({ length: 2000 }, (_, i) => ({
        cidr: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
        zone: i % 10 === 0 ? 'dmz' : 'internal',
        sectors: [['health', 'school', 'administration', 'ot'][i % 4]!],
        criticality: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!,
      })),
    ],
  ]),
);
const tenants = new Map([['nordby', { networks: ['10.0.0.0/8', '192.0.2.0/24'] }]]);

/** 70% inbound (public -> private), 20% outbound with a DNS name, 10% internal. Sources repeat. */
function batchOf(n: number): VaernEvent[] {
  const batch: VaernEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd() % 10;
    // Skewed choice: a few sources send much of the traffic, as scanners do.
    const pub = sources[Math.floor((rnd() / 2 ** 32) ** 3 * sources.length)]!;
    const priv = `10.${rnd() % 8}.${rnd() % 256}.${1 + (rnd() % 254)}`;
    const e: VaernEvent = { '@timestamp': now, 'vaern.tenant': 'nordby', 'source.port': 40000 + (rnd() % 20000), 'destination.port': 443 };
    if (r < 7) {
      e['source.ip'] = pub;
      e['destination.ip'] = priv;
    } else if (r < 9) {
      e['source.ip'] = priv;
      e['destination.ip'] = pub;
      e['dns.question.name'] = names[rnd() % names.length]!;
    } else {
      e['source.ip'] = priv;
      e['destination.ip'] = `10.${rnd() % 8}.0.${1 + (rnd() % 254)}`;
    }
    batch.push(e);
  }
  return batch;
}

const BATCH = 4096;
const BATCHES = 60;
for (const [label, withIntel] of [
  ['enrich.pass.events', false],
  ['enrich.pass.events-intel-100k', true],
] as const) {
  const enricher = createEnrichment({ tenants: () => tenants, assets: inventory, intel: withIntel ? intel : undefined, geo, asn });
  const batches = Array.from({ length: BATCHES }, () => batchOf(BATCH));
  for (let warm = 0; warm < 5; warm++) enricher.enrich(batchOf(BATCH));
  t = cpu();
  for (const b of batches) enricher.enrich(b);
  out(label, (BATCH * BATCHES) / seconds(t), 'events/s');
}
