import ipaddr from 'ipaddr.js';
import type { Sensor } from '../store/state/state-store.ts';

/** Who sent a line, as far as the ingest path is concerned. */
export interface ResolvedSensor {
  readonly tenant: string;
  readonly sensor: string;
  readonly format: string;
}

export interface ListenerDefaults {
  readonly name: string;
  readonly format: string;
  /** Tenant for senders that match no sensor; without it, such input is rejected. */
  readonly tenant?: string;
}

/** Tenant given to input nobody claims, so it is kept (and visible to centre admins), not lost. */
export const UNASSIGNED_TENANT = 'unassigned';

/**
 * Maps a sender (peer address + listener) to its tenant and sensor: the one place where input is
 * assigned to a municipality. Address matches win over listener matches, and the most specific
 * address match wins, so a centre can map a whole range to one tenant and carve out single hosts.
 *
 * Answers are memoised per peer: a listener sees a handful of senders, each sending thousands of
 * lines a second.
 */
export class SensorResolver {
  private readonly byAddress: { range: [ipaddr.IPv4 | ipaddr.IPv6, number]; sensor: Sensor }[];
  private readonly byListener: Map<string, Sensor>;
  private readonly listeners: Map<string, ListenerDefaults>;
  private readonly memo = new Map<string, ResolvedSensor | undefined>();

  constructor(sensors: readonly Sensor[], listeners: readonly ListenerDefaults[]) {
    this.byAddress = [];
    this.byListener = new Map();
    for (const s of sensors) {
      if (s.match.kind === 'address') this.byAddress.push({ range: ipaddr.parseCIDR(s.match.cidr), sensor: s });
      else if (s.match.kind === 'listener') this.byListener.set(s.match.listener, s);
    }
    this.byAddress.sort((a, b) => b.range[1] - a.range[1]);
    this.listeners = new Map(listeners.map((l) => [l.name, l]));
  }

  resolve(peer: string, listener: string): ResolvedSensor | undefined {
    const key = `${listener}|${peer}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const answer = this.lookup(peer, listener);
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(key, answer);
    return answer;
  }

  private lookup(peer: string, listener: string): ResolvedSensor | undefined {
    const addr = parsePeer(peer);
    if (addr !== undefined) {
      for (const { range, sensor } of this.byAddress) {
        if (addr.kind() === range[0].kind() && addr.match(range)) return asResolved(sensor);
      }
    }
    const byListener = this.byListener.get(listener);
    if (byListener !== undefined) return asResolved(byListener);
    const defaults = this.listeners.get(listener);
    if (defaults?.tenant !== undefined) return { tenant: defaults.tenant, sensor: `${listener}/${peer}`, format: defaults.format };
    return undefined;
  }
}

function asResolved(s: Sensor): ResolvedSensor {
  return { tenant: s.tenant, sensor: s.name, format: s.format };
}

/** Peers arrive as IPv4, IPv6, or IPv4-mapped IPv6 (`::ffff:10.0.0.1`) from dual-stack sockets. */
function parsePeer(peer: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(peer)) return undefined;
  const a = ipaddr.parse(peer);
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}
