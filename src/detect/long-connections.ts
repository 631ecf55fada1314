import { z } from 'zod';
import type { Finding, Severity, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { Samples, clampScore, fmtBytes, fmtDuration, span } from './evidence.ts';
import { destinationName, directionOf } from './net.ts';
import { Prevalence } from './prevalence.ts';
import { DAY, HOUR, ascending, duration, int, num, ports } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';

/**
 * Long connections from an internal host to the outside: interactive C2, reverse shells and
 * tunnels hold one session open for hours. Flow exporters and firewalls cut a long session into
 * records (NetFlow active timeout, FortiGate interim logs), so records of the same host, peer and
 * port that follow within `gapMs` are stitched into one connection before measuring.
 *
 * Reads `event.duration` (nanoseconds, as ECS defines it) and takes `@timestamp` as the record's
 * end. Destinations most internal hosts hold open (Microsoft 365, Teams, push services) are
 * skipped through prevalence.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    lowMs: duration(60_000, 30 * DAY),
    mediumMs: duration(60_000, 30 * DAY),
    highMs: duration(60_000, 30 * DAY),
    /** Records of one connection this close are stitched together. */
    gapMs: duration(0, 6 * HOUR),
    /** Records shorter than this start no tracking (exporters cut long sessions into records of 1-30 min). */
    minRecordMs: duration(0, HOUR),
    /** Destination ports never reported (site VPNs, for example). */
    ignorePorts: ports,
    /** Skip destinations reached by more than this share of internal hosts... */
    prevalenceMax: num(0, 1),
    /** ...once at least this many internal hosts are known. */
    prevalenceMinHosts: int(1, 1_000_000),
    maxKeys: int(100, 10_000_000),
    maxDestinations: int(100, 10_000_000),
  })
  .strict()
  .superRefine(ascending(['lowMs', 'mediumMs', 'highMs']));

export type LongConnectionsConfig = z.infer<typeof configSchema>;

interface Conn {
  readonly src: string;
  readonly dst: string;
  readonly port: number | undefined;
  start: number;
  end: number;
  bytes: number;
  records: number;
  reported: number;
  samples: Samples;
}

interface State {
  readonly cfg: LongConnectionsConfig;
  readonly conns: BoundedMap<string, Conn>;
  readonly prevalence: Prevalence;
  readonly ignore: ReadonlySet<number>;
  tenant: string;
}

const T1071: Technique = { id: 'T1071', name: 'Application Layer Protocol' };

export const longConnections: Detector<LongConnectionsConfig, State> = {
  id: 'long-connections',
  title: 'Long connection to the outside',
  technique: T1071,
  configSchema,
  route: { all: TRAIT.outbound | TRAIT.source },
  createState(cfg) {
    return {
      cfg,
      conns: new BoundedMap(cfg.maxKeys, cfg.highMs + cfg.gapMs * 2),
      prevalence: new Prevalence(cfg.maxDestinations, DAY),
      ignore: new Set(cfg.ignorePorts),
      tenant: '',
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    const out: Finding[] = [];
    for (const e of events) {
      const src = e['source.ip'];
      if (src === undefined || directionOf(e) !== 'outbound') continue;
      const dst = destinationName(e);
      if (dst === undefined) continue;
      const end = e['@timestamp'];
      state.prevalence.observe(src, dst, end);
      const durNs = e['event.duration'];
      if (durNs === undefined || durNs / 1e6 < cfg.minRecordMs) continue;
      const port = e['destination.port'];
      if (port !== undefined && state.ignore.has(port)) continue;
      const start = end - durNs / 1e6;
      const key = `${src}>${dst}:${port ?? ''}`;
      const c = state.conns.get(key, end) ?? state.conns.add(key, end, { src, dst, port, start, end, bytes: 0, records: 0, reported: 0, samples: new Samples() });
      if (start > c.end + cfg.gapMs) {
        // Not a continuation: a new connection between the same ends.
        c.start = start;
        c.end = end;
        c.bytes = 0;
        c.records = 0;
        c.reported = 0;
        c.samples = new Samples();
      }
      c.start = Math.min(c.start, start);
      c.end = Math.max(c.end, end);
      c.bytes += (e['source.bytes'] ?? 0) + (e['destination.bytes'] ?? 0) || (e['network.bytes'] ?? 0);
      c.records++;
      c.samples.add(e);
      const level = levelOf(c.end - c.start, cfg);
      if (level === undefined || levelRank(level) <= c.reported) continue;
      if (state.prevalence.totalHosts() >= cfg.prevalenceMinHosts && state.prevalence.fraction(dst) > cfg.prevalenceMax) continue;
      c.reported = levelRank(level);
      out.push(finding(state, c, level, now));
    }
    return out;
  },
  evict(state, now) {
    state.conns.evict(now);
    state.prevalence.evict(now);
  },
};

function levelOf(ms: number, cfg: LongConnectionsConfig): Severity | undefined {
  return ms >= cfg.highMs ? 'high' : ms >= cfg.mediumMs ? 'medium' : ms >= cfg.lowMs ? 'low' : undefined;
}

function levelRank(s: Severity): number {
  return s === 'high' ? 3 : s === 'medium' ? 2 : 1;
}

function finding(state: State, c: Conn, severity: Severity, now: number): Finding {
  const dur = c.end - c.start;
  const hosts = state.prevalence.hostsReaching(c.dst);
  return {
    detector: longConnections.id,
    tenant: state.tenant,
    entity: `${c.src}>${c.dst}`,
    severity,
    score: clampScore(30 + 15 * Math.log2(dur / state.cfg.lowMs)),
    technique: T1071,
    title: `Long connection from ${c.src} to ${c.dst}${c.port !== undefined ? `:${c.port}` : ''}`,
    explanation:
      `${c.src} held a connection to ${c.dst}${c.port !== undefined ? ` port ${c.port}` : ''} open for ${fmtDuration(dur)} ${span(c.start, c.end)}, ` +
      `in ${c.records} record(s) carrying ${fmtBytes(c.bytes)}; ${hosts} internal host(s) reach this destination.`,
    evidence: { counts: { durationMs: Math.round(dur), records: c.records, bytes: c.bytes, internalHostsReaching: hosts }, sampleEvents: [...c.samples.events] },
    related: { ip: [c.src, ...(/^[\d.:a-f]+$/i.test(c.dst) ? [c.dst] : [])], hosts: /^[\d.:a-f]+$/i.test(c.dst) ? [] : [c.dst], users: [] },
    firstSeen: c.start,
    lastSeen: c.end,
    timestamp: now,
    fields: { 'source.ip': c.src, 'destination.address': c.dst, 'event.duration': Math.round(dur * 1e6), ...(c.port !== undefined ? { 'destination.port': c.port } : {}) },
  };
}

export default register(longConnections);
