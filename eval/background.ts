import { createEnrichment } from '../src/enrich/pipeline.ts';
import type { Enricher } from '../src/enrich/enricher.ts';
import { isPrivateIp } from '../src/detect/net.ts';
import type { VaernEvent } from '../src/model/event.ts';
import type { CorpusLoad, CorpusSource, Segment } from './corpora.ts';
import type { Rng } from './random.ts';
import { DAY, HOUR, TENANT, TENANT_NETWORKS } from './world.ts';

/**
 * Replays the corpora's real traffic into the eval days as background.
 *
 * - Time: each replay of a segment (an episode) keeps the capture's own intervals, shifted to the
 *   episode's start. A sample file stitched from captures taken months apart (the firewall
 *   samples) has its gaps over an hour cut to a minute, so one episode stays one burst.
 * - Addresses: the capture's private IPv4 /24s become /24s of the source's own /16 inside the
 *   eval tenant (first seen, first numbered; the host part kept), so the real structure (which
 *   host talks to which, on which ports) is kept, sources never collide with each other or with
 *   the synthetic municipality, and an alert names its source by address. Public addresses are
 *   left as they are: their countries and AS numbers are real.
 * - The mapping is the same in every episode: the same hosts do the same things day after day,
 *   as on a real network, rather than new hosts appearing with every replay.
 * - Then Vaern's own enricher (geo, ASN, direction from the tenant's networks), as `vaern detect`.
 */

/** How often each source is replayed. */
export interface Schedule {
  /**
   * Episodes per day of each segment. The day is cut into this many slots and each episode falls
   * at random in the middle half of its slot: replays never line up into a period, and two
   * replays of one record never overlap (two copies of a 90-minute session back to back would be
   * one 3-hour "long connection" the real traffic never had).
   */
  readonly perDay: number;
  /** A first episode in the first hours, while detectors learn (the network existed before the eval). */
  readonly learningEpisode: boolean;
}

export const SCHEDULES: Readonly<Record<string, Schedule>> = {
  // 21 minutes of a busy competition network (110,000 records): once a day.
  'wrccdc-zeek': { perDay: 1, learningEpisode: true },
  // Small samples (a few to a few hundred records each): often enough to meet the detectors all
  // day, rarely enough that one record replayed is not itself a beacon (same bytes every time).
  'zeek-btest': { perDay: 2, learningEpisode: true },
  netflow: { perDay: 4, learningEpisode: true },
  firewall: { perDay: 4, learningEpisode: true },
};

/** The /16 of each source inside the eval tenant (the synthetic municipality is 10.20.0.0/16). */
const SOURCE_NET: Readonly<Record<string, string>> = { 'wrccdc-zeek': '10.21', 'zeek-btest': '10.22', netflow: '10.23', firewall: '10.24' };

/**
 * The learning period the replay respects: lateral-movement and port-scan learn internal habits
 * for their first day (src/detect/defaults.yaml `learningMs: 24h`).
 */
const LEARNING_MS = DAY;
const MAX_GAP = HOUR;
const CUT_GAP = 60_000;

interface Episode {
  readonly source: string;
  readonly segment: Segment;
  readonly rel: Float64Array;
  readonly start: number;
  readonly end: number;
  /** Within the first LEARNING_MS: replays only what `keepWhileLearning` keeps. */
  readonly learning: boolean;
  next: number;
}

export interface SourceStats {
  readonly name: string;
  readonly what: string;
  readonly files: number;
  readonly rejects: number;
  records: number;
  episodes: number;
  events: number;
  /** Internal hosts seen per eval day. */
  readonly hostsByDay: Map<number, Set<string>>;
}

export class BackgroundReplay {
  readonly stats = new Map<string, SourceStats>();
  private readonly episodes: Episode[] = [];
  private readonly remaps = new Map<string, Map<string, string>>();
  private readonly enricher: Enricher;
  private readonly start: number;

  private readonly keepWhileLearning: (source: string, e: VaernEvent) => boolean;

  /**
   * `keepWhileLearning` picks what episodes in the first LEARNING_MS replay: the eval passes one
   * that leaves out the labelled hostile hosts (eval/hostile.ts), as if Vaern had been installed
   * before the red team arrived, so the detectors learn the network and not the attack.
   */
  constructor(load: CorpusLoad, start: number, days: number, rng: Rng, keepWhileLearning: (source: string, e: VaernEvent) => boolean = () => true) {
    this.start = start;
    this.keepWhileLearning = keepWhileLearning;
    const tenants = new Map([[TENANT, { networks: TENANT_NETWORKS }]]);
    this.enricher = createEnrichment({ tenants: () => tenants });
    for (const source of load.sources) this.plan(source, start, days, rng);
    this.episodes.sort((a, b) => a.start - b.start);
  }

  private plan(source: CorpusSource, start: number, days: number, rng: Rng): void {
    const schedule = SCHEDULES[source.name];
    if (schedule === undefined) throw new Error(`no schedule for background source ${source.name}`);
    const remap = new Map<string, string>();
    this.remaps.set(source.name, remap);
    // Numbered once, in capture order, so a label can name a capture's host before the replay.
    for (const segment of source.segments) for (const e of segment.events) for (const f of IP_FIELDS) if (e[f] !== undefined) mapIp(e[f], SOURCE_NET[source.name]!, remap);
    const stats: SourceStats = { name: source.name, what: source.what, files: source.files, rejects: source.rejects, records: 0, episodes: 0, events: 0, hostsByDay: new Map() };
    this.stats.set(source.name, stats);
    for (const segment of source.segments) {
      stats.records += segment.events.length;
      const rel = relativeTimes(segment.events);
      const length = rel[rel.length - 1]!;
      const add = (at: number): void => {
        this.episodes.push({ source: source.name, segment, rel, start: at, end: at + length, learning: at < start + LEARNING_MS, next: 0 });
        stats.episodes++;
      };
      if (schedule.learningEpisode) add(start + rng.next() * 2 * HOUR);
      const slot = DAY / schedule.perDay;
      for (let d = 0; d < days; d++) for (let k = 0; k < schedule.perDay; k++) add(start + d * DAY + k * slot + slot / 4 + rng.next() * Math.max(0, slot / 2 - length));
    }
  }

  /** Background events in [hourStart, hourStart + 1 h), enriched, unsorted. */
  hour(hourStart: number): VaernEvent[] {
    const end = hourStart + HOUR;
    const out: VaernEvent[] = [];
    for (const ep of this.episodes) {
      if (ep.start >= end) break;
      if (ep.end < hourStart || ep.next >= ep.rel.length) continue;
      const remap = this.remaps.get(ep.source)!;
      const stats = this.stats.get(ep.source)!;
      const day = Math.floor((hourStart - this.start) / DAY);
      let hosts = stats.hostsByDay.get(day);
      if (hosts === undefined) stats.hostsByDay.set(day, (hosts = new Set()));
      const net = SOURCE_NET[ep.source]!;
      while (ep.next < ep.rel.length && ep.start + ep.rel[ep.next]! < end) {
        const real = ep.segment.events[ep.next]!;
        const at = ep.start + ep.rel[ep.next]!;
        if (ep.learning && !this.keepWhileLearning(ep.source, real)) {
          ep.next++;
          continue;
        }
        const e = replayed(real, at, (ip) => mapIp(ip, net, remap));
        for (const ip of [e['source.ip'], e['destination.ip']]) if (ip !== undefined && ip.startsWith(`${net}.`)) hosts.add(ip);
        out.push(e);
        ep.next++;
        stats.events++;
      }
    }
    this.enricher.enrich(out);
    return out;
  }

  /** The background source an address belongs to (remapped internal addresses only). */
  sourceOf(ip: string): string | undefined {
    for (const [name, net] of Object.entries(SOURCE_NET)) if (ip.startsWith(`${net}.`)) return name;
    return undefined;
  }

  /** The original address of a remapped one (for reports and labels), or undefined. */
  original(ip: string): string | undefined {
    const source = this.sourceOf(ip);
    if (source === undefined) return undefined;
    for (const [real, mapped] of this.remaps.get(source)!) if (ip.startsWith(`${mapped}.`)) return `${real}.${ip.slice(mapped.length + 1)}`;
    return undefined;
  }

  /** The address the replay gives a capture's address. */
  mapped(source: string, ip: string): string {
    return mapIp(ip, SOURCE_NET[source]!, this.remaps.get(source)!);
  }

  /** Time ranges of a source's episodes after LEARNING_MS. */
  episodesOf(source: string): { start: number; end: number }[] {
    return this.episodes.filter((e) => e.source === source && !e.learning).map((e) => ({ start: e.start, end: e.end }));
  }

  hostDays(source: string): number {
    let n = 0;
    for (const hosts of this.stats.get(source)?.hostsByDay.values() ?? []) n += hosts.size;
    return n;
  }
}

/** Each event's offset from the segment's first, with gaps over MAX_GAP cut to CUT_GAP. */
function relativeTimes(events: readonly VaernEvent[]): Float64Array {
  const rel = new Float64Array(events.length);
  for (let i = 1; i < events.length; i++) {
    const gap = events[i]!['@timestamp'] - events[i - 1]!['@timestamp'];
    rel[i] = rel[i - 1]! + (gap > MAX_GAP ? CUT_GAP : gap);
  }
  return rel;
}

const IP_FIELDS = ['source.ip', 'destination.ip', 'source.nat.ip', 'destination.nat.ip', 'observer.ip', 'vaern.assigned_ip'] as const;

/** A copy of a decoded event at replay time `at` (its other times moved with it), addresses mapped. */
function replayed(real: VaernEvent, at: number, map: (ip: string) => string): VaernEvent {
  const shift = at - real['@timestamp'];
  const e: VaernEvent = { ...real, '@timestamp': Math.round(at) };
  if (e['event.start'] !== undefined) e['event.start'] = Math.round(e['event.start'] + shift);
  if (e['event.end'] !== undefined) e['event.end'] = Math.round(e['event.end'] + shift);
  if (e['event.ingested'] !== undefined) e['event.ingested'] = Math.round(e['event.ingested'] + shift);
  for (const f of IP_FIELDS) {
    const ip = e[f];
    if (ip !== undefined) e[f] = map(ip);
  }
  if (e['related.ip'] !== undefined) e['related.ip'] = e['related.ip'].map(map);
  return e;
}

/** A private IPv4 address of a capture in its source's /16: the /24 renumbered, the host part kept. */
function mapIp(ip: string, net: string, remap: Map<string, string>): string {
  if (ip.includes(':') || !isPrivateIp(ip) || ip.startsWith('127.') || ip.startsWith('169.254.') || ip.startsWith('100.')) return ip;
  const cut = ip.lastIndexOf('.');
  const prefix = ip.slice(0, cut);
  let to = remap.get(prefix);
  if (to === undefined) {
    if (remap.size >= 256) throw new Error(`background ${net}: more than 256 private /24 networks`);
    remap.set(prefix, (to = `${net}.${remap.size}`));
  }
  return `${to}${ip.slice(cut)}`;
}
