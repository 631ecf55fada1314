import { CidrError, parseCidr, type Cidr, type IpAddr } from './ip.ts';
import { innermost, PrefixMap } from './prefix-map.ts';
import { DEFAULT_INTERNAL_NETWORKS, isLocalScope } from './special.ts';

/**
 * A tenant's own address space and the ECS `network.direction` derived from it.
 *
 * ECS: `inbound` outside -> inside, `outbound` inside -> outside, `internal` inside -> inside,
 * `external` outside -> outside. A tenant with no networks configured gets RFC 1918 + ULA.
 * Local-scope destinations and sources (multicast, broadcast, link-local, loopback) count as
 * inside: such packets never cross the site's edge.
 */

export type Direction = 'inbound' | 'outbound' | 'internal' | 'external';

export class TenantNetworks {
  private readonly map: PrefixMap<true>;
  /** Entries that were not CIDRs (config validation is looser than the parser); reported once. */
  readonly invalid: readonly string[];

  private constructor(map: PrefixMap<true>, invalid: readonly string[]) {
    this.map = map;
    this.invalid = invalid;
  }

  static from(networks: readonly string[]): TenantNetworks {
    const cidrs: { cidr: Cidr; item: true }[] = [];
    const invalid: string[] = [];
    for (const n of networks.length === 0 ? DEFAULT_INTERNAL_NETWORKS : networks) {
      try {
        cidrs.push({ cidr: parseCidr(n), item: true });
      } catch (err) {
        if (!(err instanceof CidrError)) throw err;
        invalid.push(n);
      }
    }
    return new TenantNetworks(PrefixMap.build(cidrs, innermost), invalid);
  }

  /** True when `addr` is the tenant's own (or local-scope) address. */
  isInside(addr: IpAddr): boolean {
    return this.map.get(addr) !== undefined || isLocalScope(addr);
  }

  direction(source: IpAddr, destination: IpAddr): Direction {
    const s = this.isInside(source);
    const d = this.isInside(destination);
    return s ? (d ? 'internal' : 'outbound') : d ? 'inbound' : 'external';
  }
}

/** What the pipeline needs of a tenant: its networks (a subset of `Tenant` in the state store). */
export interface TenantNetworkSource {
  readonly networks: readonly string[];
}

/**
 * Compiled networks per tenant, rebuilt only when a tenant's list changes (an admin edit), so the
 * pipeline can ask for the current tenant map every batch.
 */
export class NetworkResolver {
  private readonly compiled = new Map<string, { source: readonly string[]; key: string; networks: TenantNetworks }>();
  private readonly defaults = TenantNetworks.from([]);
  private readonly onInvalid: (tenant: string, cidrs: readonly string[]) => void;

  constructor(onInvalid: (tenant: string, cidrs: readonly string[]) => void = () => {}) {
    this.onInvalid = onInvalid;
  }

  /** Networks of `tenant` in `tenants`; the defaults for a tenant not in the map. */
  resolve(tenants: ReadonlyMap<string, TenantNetworkSource>, tenant: string): TenantNetworks {
    const t = tenants.get(tenant);
    if (t === undefined) return this.defaults;
    const hit = this.compiled.get(tenant);
    if (hit !== undefined && hit.source === t.networks) return hit.networks;
    const key = t.networks.join(',');
    if (hit !== undefined && hit.key === key) {
      hit.source = t.networks;
      return hit.networks;
    }
    const networks = TenantNetworks.from(t.networks);
    if (networks.invalid.length > 0) this.onInvalid(tenant, networks.invalid);
    this.compiled.set(tenant, { source: t.networks, key, networks });
    return networks;
  }
}
