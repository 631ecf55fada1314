import { getDomain } from 'tldts';
import { z } from 'zod';
import type { Finding, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { CappedSet, Samples, clampScore, span } from './evidence.ts';
import { duration, int, num } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { DistinctCounter } from './sketch/distinct.ts';
import { hashString } from './sketch/hash.ts';
import { entropy } from './stats.ts';
import { WindowDistinct, WindowSum } from './window.ts';

/**
 * DNS tunnelling: data smuggled in query names (and TXT answers) of one registered domain. The
 * tell is many distinct subdomains under one domain (caching defeats repeats, so every query is
 * new), with long, high-entropy labels, often TXT queries. The registered domain comes from the
 * public suffix list (tldts), so `x.y.example.co.uk` groups under `example.co.uk`.
 *
 * Domains queried by many internal clients are skipped: anti-virus and CDN lookups
 * (`<hash>.sophosxl.net`) look like tunnels but every machine makes them. Needs
 * `dns.question.name` and, for TXT, `dns.question.type`.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    windowMs: duration(60_000, 86_400_000),
    /** Distinct subdomains under one registered domain within the window. */
    minUniqueSubdomains: int(2, 10_000_000),
    /** Mean length of the longest label of the subdomain part... */
    minMeanLabelLength: num(1, 63),
    /** ...or mean Shannon entropy (bits/char) of the subdomain part. */
    minMeanEntropy: num(0, 8),
    /** TXT queries under one domain in the window that count as tunnel-like on their own (with a quarter of the unique subdomains). */
    txtQueries: int(1, 10_000_000),
    /** Domains queried by more internal clients than this are skipped. */
    maxClients: int(1, 100_000),
    /** Registered domains never reported (reverse lookups, the tenant's own AD domain). */
    ignoreDomains: z.array(z.string().min(1)),
    maxDomains: int(100, 10_000_000),
  })
  .strict();

export type DnsTunnellingConfig = z.infer<typeof configSchema>;

interface Domain {
  readonly domain: string;
  readonly subdomains: WindowDistinct;
  readonly queries: WindowSum;
  readonly txt: WindowSum;
  readonly clients: DistinctCounter;
  readonly clientIps: CappedSet;
  /** Per-query moving averages, so a tunnel starting under a domain with normal traffic shows within tens of queries. */
  labelAvg: number;
  entropyAvg: number;
  measured: number;
  first: number;
  last: number;
  reported: number;
  samples: Samples;
}

interface State {
  readonly cfg: DnsTunnellingConfig;
  readonly domains: BoundedMap<string, Domain>;
  readonly ignore: ReadonlySet<string>;
  tenant: string;
}

/** Weight of each query in the label length and entropy averages (about the last 20 queries). */
const SHAPE_ALPHA = 0.05;

const T1071_004: Technique = { id: 'T1071.004', name: 'Application Layer Protocol: DNS' };
const T1048: Technique = { id: 'T1048', name: 'Exfiltration Over Alternative Protocol' };

/** The subdomain part's longest label length and entropy, or undefined for the bare domain. */
export function subdomainShape(name: string, domain: string): { longest: number; entropy: number; sub: string } | undefined {
  if (name.length <= domain.length + 1) return undefined;
  const sub = name.slice(0, name.length - domain.length - 1);
  let longest = 0;
  for (const label of sub.split('.')) if (label.length > longest) longest = label.length;
  return { longest, entropy: entropy(sub.replaceAll('.', '')), sub };
}

export const dnsTunnelling: Detector<DnsTunnellingConfig, State> = {
  id: 'dns-tunnelling',
  title: 'DNS tunnelling',
  technique: T1071_004,
  configSchema,
  route: { all: TRAIT.dns },
  createState(cfg) {
    return { cfg, domains: new BoundedMap(cfg.maxDomains, cfg.windowMs * 2), ignore: new Set(cfg.ignoreDomains.map((d) => d.toLowerCase())), tenant: '' };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    const out: Finding[] = [];
    for (const e of events) {
      const raw = e['dns.question.name'];
      if (raw === undefined) continue;
      const name = raw.toLowerCase().replace(/\.$/, '');
      const domain = getDomain(name, { validateHostname: false });
      if (domain === null || state.ignore.has(domain)) continue;
      const ts = e['@timestamp'];
      const d = state.domains.upsert(domain, ts, () => ({
        domain,
        subdomains: new WindowDistinct(cfg.windowMs, ts, 32, 10),
        queries: new WindowSum(cfg.windowMs, ts),
        txt: new WindowSum(cfg.windowMs, ts),
        clients: new DistinctCounter(cfg.maxClients + 1, 8),
        clientIps: new CappedSet(10),
        labelAvg: 0,
        entropyAvg: 0,
        measured: 0,
        first: ts,
        last: ts,
        reported: 0,
        samples: new Samples(),
      }));
      const queries = d.queries.add(ts);
      const txt = d.txt.add(ts, e['dns.question.type'] === 'TXT' ? 1 : 0);
      const client = e['source.ip'];
      if (client !== undefined) {
        d.clients.addHash(hashString(client));
        d.clientIps.add(client);
      }
      d.last = ts;
      const shape = subdomainShape(name, domain);
      if (shape === undefined) continue;
      const unique = d.subdomains.add(ts, hashString(shape.sub));
      const alpha = d.measured === 0 ? 1 : SHAPE_ALPHA;
      d.labelAvg += alpha * (shape.longest - d.labelAvg);
      d.entropyAvg += alpha * (shape.entropy - d.entropyAvg);
      d.measured++;
      d.samples.add(e);
      if (unique < cfg.minUniqueSubdomains / 4 || unique < d.reported * 2) continue;
      if (d.clients.estimate() > cfg.maxClients) continue;
      const meanLabel = d.labelAvg;
      const meanEntropy = d.entropyAvg;
      const longLabels = meanLabel >= cfg.minMeanLabelLength;
      const random = meanEntropy >= cfg.minMeanEntropy;
      const byNames = unique >= cfg.minUniqueSubdomains && (longLabels || random);
      const byTxt = txt >= cfg.txtQueries;
      if (!byNames && !byTxt) continue;
      d.reported = unique;
      out.push(finding(state, d, { unique, queries, txt, meanLabel, meanEntropy, strong: longLabels && random }, now));
    }
    return out;
  },
  evict(state, now) {
    state.domains.evict(now);
  },
};

interface Measures {
  unique: number;
  queries: number;
  txt: number;
  meanLabel: number;
  meanEntropy: number;
  strong: boolean;
}

function finding(state: State, d: Domain, m: Measures, now: number): Finding {
  const { cfg } = state;
  const clients = d.clientIps.list();
  return {
    detector: dnsTunnelling.id,
    tenant: state.tenant,
    entity: d.domain,
    severity: m.strong ? 'high' : 'medium',
    score: clampScore((m.strong ? 65 : 50) + 10 * Math.log2(m.unique / cfg.minUniqueSubdomains + m.txt / cfg.txtQueries)),
    technique: m.txt > m.queries / 2 ? T1048 : T1071_004,
    title: `Possible DNS tunnel via ${d.domain}`,
    explanation:
      `${m.unique} distinct subdomains of ${d.domain} were queried (${m.queries} queries, ${m.txt} TXT) ${span(d.first, d.last)} ` +
      `by ${d.clients.estimate()} client(s) (${clients.join(', ')}); longest labels average ${m.meanLabel.toFixed(1)} characters, ` +
      `entropy ${m.meanEntropy.toFixed(2)} bits/char (thresholds: ${cfg.minUniqueSubdomains} subdomains with labels >= ${cfg.minMeanLabelLength} or entropy >= ${cfg.minMeanEntropy}; or ${cfg.txtQueries} TXT).`,
    evidence: {
      counts: { uniqueSubdomains: m.unique, queries: m.queries, txtQueries: m.txt, meanLabelLength: Math.round(m.meanLabel * 10) / 10, meanEntropy: Math.round(m.meanEntropy * 100) / 100 },
      sampleEvents: [...d.samples.events],
    },
    related: { ip: clients, hosts: [d.domain], users: [] },
    firstSeen: d.first,
    lastSeen: d.last,
    timestamp: now,
    fields: { 'dns.question.registered_domain': d.domain, ...(clients[0] !== undefined ? { 'source.ip': clients[0] } : {}) },
  };
}

export default register(dnsTunnelling);
