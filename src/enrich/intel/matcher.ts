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
  readonly size: number;

  private constructor(ips: PrefixMap<readonly IntelEntry[]>, domains: ReadonlyMap<string, readonly IntelEntry[]>, size: number) {
    this.ips = ips;
    this.domains = domains;
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

function byConfidence(a: IntelEntry, b: IntelEntry): number {
  return b.confidence - a.confidence;
}

function firstLive(list: readonly IntelEntry[], now: number): IntelEntry | undefined {
  for (const e of list) if (e.expiresAt === null || e.expiresAt > now) return e;
  return undefined;
}
