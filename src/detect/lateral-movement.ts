import { z } from 'zod';
import type { Finding, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { CappedSet, Samples, TopCounts, clampScore, span } from './evidence.ts';
import { directionOf } from './net.ts';
import { DAY, ascending, duration, int, ports } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { hashString } from './sketch/hash.ts';
import { WindowDistinct } from './window.ts';

/**
 * Lateral movement: an internal host starting to use admin protocols (SMB, RDP, WinRM, SSH, RPC)
 * towards internal hosts it has never used them with. The first `learningMs` of traffic teaches
 * which source -> destination pairs are normal (over any of the admin ports: SMB today and RPC
 * tomorrow between the same two hosts is the same relationship). After that, new pairs from one
 * source are counted in a window: a few is suspicious (medium), a fan-out over many hosts is high.
 *
 * Sources that already reached `adminSourceMinPeers` hosts over admin protocols while learning
 * (jump hosts, helpdesk, software distribution) make new pairs as part of their job: they are
 * reported only for a fan-out.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    ports,
    learningMs: duration(0, 90 * DAY),
    windowMs: duration(60_000, 7 * DAY),
    /** Distinct new destinations from one source in the window: medium. */
    newPairs: int(1, 100_000),
    /** ...and high. */
    fanOut: int(2, 1_000_000),
    /** Sources reaching this many peers while learning are admin sources (fan-out only). */
    adminSourceMinPeers: int(1, 1_000_000),
    /** How long a learned pair stays known without being used. */
    pairTtlMs: duration(DAY, 365 * DAY),
    maxPairs: int(100, 50_000_000),
    maxSources: int(100, 10_000_000),
  })
  .strict()
  .superRefine(ascending(['newPairs', 'fanOut']));

export type LateralMovementConfig = z.infer<typeof configSchema>;

interface Source {
  readonly src: string;
  readonly newDestinations: WindowDistinct;
  readonly destinations: CappedSet;
  readonly ports: TopCounts;
  first: number;
  last: number;
  reported: number;
  samples: Samples;
}

interface State {
  readonly cfg: LateralMovementConfig;
  readonly ports: ReadonlySet<number>;
  readonly known: BoundedMap<string, true>;
  /** Peers per source during learning, to recognise admin sources. */
  readonly learningPeers: BoundedMap<string, { peers: number }>;
  readonly sources: BoundedMap<string, Source>;
  tenant: string;
  startedAt: number | undefined;
}

const T1021: Technique = { id: 'T1021', name: 'Remote Services' };
const BY_PORT: Record<number, Technique> = {
  445: { id: 'T1021.002', name: 'Remote Services: SMB/Windows Admin Shares' },
  139: { id: 'T1021.002', name: 'Remote Services: SMB/Windows Admin Shares' },
  3389: { id: 'T1021.001', name: 'Remote Services: Remote Desktop Protocol' },
  5985: { id: 'T1021.006', name: 'Remote Services: Windows Remote Management' },
  5986: { id: 'T1021.006', name: 'Remote Services: Windows Remote Management' },
  22: { id: 'T1021.004', name: 'Remote Services: SSH' },
  135: { id: 'T1021.003', name: 'Remote Services: Distributed Component Object Model' },
};
const PORT_NAMES: Record<number, string> = { 445: 'SMB', 139: 'SMB', 3389: 'RDP', 5985: 'WinRM', 5986: 'WinRM', 22: 'SSH', 135: 'RPC' };

export const lateralMovement: Detector<LateralMovementConfig, State> = {
  id: 'lateral-movement',
  title: 'Lateral movement over admin protocols',
  technique: T1021,
  configSchema,
  route: { all: TRAIT.internal | TRAIT.connection },
  createState(cfg) {
    return {
      cfg,
      ports: new Set(cfg.ports),
      known: new BoundedMap(cfg.maxPairs, cfg.pairTtlMs),
      learningPeers: new BoundedMap(cfg.maxSources, cfg.pairTtlMs),
      sources: new BoundedMap(cfg.maxSources, cfg.windowMs * 2),
      tenant: '',
      startedAt: undefined,
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    const out: Finding[] = [];
    for (const e of events) {
      const port = e['destination.port'];
      if (port === undefined || !state.ports.has(port)) continue;
      const src = e['source.ip'];
      const dst = e['destination.ip'];
      if (src === undefined || dst === undefined || src === dst || directionOf(e) !== 'internal') continue;
      const ts = e['@timestamp'];
      state.startedAt ??= ts;
      const pair = `${src}>${dst}`;
      if (state.known.get(pair, ts) !== undefined) continue;
      state.known.upsert(pair, ts, () => true);
      if (ts < state.startedAt + cfg.learningMs) {
        state.learningPeers.upsert(src, ts, () => ({ peers: 0 })).peers++;
        continue;
      }
      const s = state.sources.upsert(src, ts, () => ({
        src,
        newDestinations: new WindowDistinct(cfg.windowMs, ts, 64, 10),
        destinations: new CappedSet(50),
        ports: new TopCounts(8),
        first: ts,
        last: ts,
        reported: 0,
        samples: new Samples(),
      }));
      const n = s.newDestinations.add(ts, hashString(dst));
      s.destinations.add(dst);
      s.ports.add(String(port));
      s.last = ts;
      s.samples.add(e);
      // Report on reaching newPairs (fanOut for admin sources), on reaching fanOut, then each time the count doubles.
      const admin = (state.learningPeers.peek(src)?.peers ?? 0) >= cfg.adminSourceMinPeers;
      const crossedFanOut = n >= cfg.fanOut && s.reported < cfg.fanOut;
      if (n < (admin ? cfg.fanOut : cfg.newPairs) || (n < s.reported * 2 && !crossedFanOut)) continue;
      s.reported = n;
      out.push(finding(state, s, n, now));
    }
    return out;
  },
  evict(state, now) {
    state.known.evict(now);
    state.sources.evict(now);
  },
};

function finding(state: State, s: Source, n: number, now: number): Finding {
  const { cfg } = state;
  const fanOut = n >= cfg.fanOut;
  const topPort = Number(s.ports.top(1)[0]?.[0] ?? 0);
  const protocols = [...new Set(s.ports.top(8).map(([p]) => PORT_NAMES[Number(p)] ?? p))].join(', ');
  return {
    detector: lateralMovement.id,
    tenant: state.tenant,
    entity: s.src,
    severity: fanOut ? 'high' : 'medium',
    score: clampScore((fanOut ? 70 : 50) + 10 * Math.log2(n / cfg.newPairs)),
    technique: BY_PORT[topPort] ?? T1021,
    title: fanOut ? `Admin-protocol fan-out from ${s.src}` : `New admin-protocol connections from ${s.src}`,
    explanation:
      `${s.src} opened ${protocols} connections to ${n} internal host(s) it had never used them with before, ${span(s.first, s.last)} ` +
      `(after a ${Math.round(cfg.learningMs / 3_600_000)} h learning period; medium at ${cfg.newPairs}, high at ${cfg.fanOut} new hosts).`,
    evidence: { counts: { newDestinations: n }, sampleEvents: [...s.samples.events] },
    related: { ip: [s.src, ...s.destinations.list()], hosts: [], users: [] },
    firstSeen: s.first,
    lastSeen: s.last,
    timestamp: now,
    fields: { 'source.ip': s.src, 'destination.port': topPort },
  };
}

export default register(lateralMovement);
