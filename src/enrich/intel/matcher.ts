import { parseCidr, type Cidr, type IpAddr } from '../ip.ts';
import { PrefixMap } from '../prefix-map.ts';
import type { IntelEntry } from './entry.ts';

/**
 * Matches addresses and domain names against imported intel.
 *
 * IPs and CIDRs share one prefix table whose ranges list every covering entry, best first, so
 * a /32 from one feed and a /16 from another both count. Domains sit in a map keyed by the
 * indicator; a name is matched by probing it and each parent (`a.b.evil.example`, `b.evil.example`,
 * `evil.example`, ...): a handful of hash lookups, whatever the number of indicators.
 *
 * Expiry is checked at match time, so a long-lived matcher stops matching an entry the moment it
 * expires without being rebuilt. When several entries match, the highest confidence wins.
 */
export class IntelMatcher {
  private readonly ips: PrefixMap<readonly IntelEntry[]>;
  private readonly domains: ReadonlyMap<string, readonly IntelEntry[]>;
  /**
   * The last two labels of every domain indicator (or the one label of a single-label one).
   * Most names in traffic match nothing; one probe here rejects them without probing every level.
   */
  private readonly tails: ReadonlySet<string>;
  /** Whether some domain indicator is a single label (importers refuse those; hand-built sets may not). */
  private readonly singleLabels: boolean;
  readonly size: number;

  private constructor(ips: PrefixMap<readonly IntelEntry[]>, domains: ReadonlyMap<string, readonly IntelEntry[]>, size: number) {
    this.ips = ips;
    this.domains = domains;
    this.tails = new Set([...domains.keys()].map((d) => d.slice(tailStart(d))));
    this.singleLabels = [...domains.keys()].some((d) => !d.includes('.'));
    this.size = size;
  }

  static build(entries: Iterable<IntelEntry>): IntelMatcher {
    const blocks: { cidr: Cidr; item: IntelEntry }[] = [];
    const domains = new Map<string, IntelEntry[]>();
    let size = 0;
    for (const e of entries) {
      size++;
      if (e.kind === 'domain') {
        const list = domains.get(e.indicator);
        if (list === undefined) domains.set(e.indicator, [e]);
        else list.push(e);
      } else {
        blocks.push({ cidr: parseCidr(e.indicator), item: e });
      }
    }
    for (const list of domains.values()) list.sort(byConfidence);
    const ips = PrefixMap.build(blocks, (covering) => [...covering].sort(byConfidence));
    return new IntelMatcher(ips, domains, size);
  }

  /** Best live entry covering `addr`. */
  matchIp(addr: IpAddr, now: number): IntelEntry | undefined {
    const list = this.ips.get(addr);
    return list === undefined ? undefined : firstLive(list, now);
  }

  /** Best live entry for `name` or one of its parent domains. `name` may end with a dot. */
  matchDomain(name: string, now: number): IntelEntry | undefined {
    if (this.domains.size === 0 || name === '') return undefined;
    let d = name.toLowerCase();
    if (d.endsWith('.')) d = d.slice(0, -1);
    const tail = tailStart(d);
    if (!this.tails.has(tail === 0 ? d : d.slice(tail)) && !(this.singleLabels && this.tails.has(d.slice(d.lastIndexOf('.') + 1)))) return undefined;
    let best: IntelEntry | undefined;
    for (let at = 0; at >= 0; ) {
      const list = this.domains.get(at === 0 ? d : d.slice(at));
      if (list !== undefined) {
        const hit = firstLive(list, now);
        if (hit !== undefined && (best === undefined || hit.confidence > best.confidence)) best = hit;
      }
      const dot = d.indexOf('.', at);
      at = dot < 0 ? -1 : dot + 1;
    }
    return best;
  }
}

/** Where the last two labels of `d` begin. */
function tailStart(d: string): number {
  const last = d.lastIndexOf('.');
  return last <= 0 ? 0 : d.lastIndexOf('.', last - 1) + 1;
}

function byConfidence(a: IntelEntry, b: IntelEntry): number {
  return b.confidence - a.confidence;
}

function firstLive(list: readonly IntelEntry[], now: number): IntelEntry | undefined {
  for (const e of list) if (e.expiresAt === null || e.expiresAt > now) return e;
  return undefined;
}
