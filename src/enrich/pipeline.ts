import type { VaernEvent } from '../model/event.ts';
import type { Enricher } from './enricher.ts';
import type { AssetInventory, Asset } from './assets.ts';
import { AsnDb } from './asn.ts';
import { GeoDb } from './geo.ts';
import { IpAddr, parseIpInto } from './ip.ts';
import { confidenceLabel, type IntelEntry } from './intel/entry.ts';
import type { IntelMatcher } from './intel/matcher.ts';
import { NetworkResolver, type TenantNetworkSource, type TenantNetworks } from './networks.ts';
import type { PrefixMap } from './prefix-map.ts';
import { isGlobal } from './special.ts';

/**
 * The enrichment stage: geo, ASN, direction, zone and intel in one pass over a batch.
 *
 * Per event the two addresses are parsed once into scratch `IpAddr`s and every step reads
 * those. Fields a decoder already set (a firewall that reports countries itself) are left alone,
 * except an observer-relative direction (`ingress`/`egress`: which way the packet crossed the
 * firewall's interface), which says nothing about whether the other end is outside the
 * municipality and is replaced by the direction derived from the tenant's networks. Inputs that change at run time (tenant networks after an admin edit, a reloaded
 * inventory or intel set) are functions, read once per batch.
 */

/** `network.direction` values relative to the tenant's networks; the decoder's own are kept. */
const TENANT_RELATIVE = new Set(['inbound', 'outbound', 'internal', 'external']);

/** A value, or a function returning the current one (read once per batch). */
export type Live<T> = T | (() => T);

export interface EnrichmentOptions {
  /** Current tenants and their networks (e.g. a cache over the state store's tenants). */
  readonly tenants: () => ReadonlyMap<string, TenantNetworkSource>;
  readonly assets?: Live<AssetInventory | undefined>;
  readonly intel?: Live<IntelMatcher | undefined>;
  /** Country database; default: the shipped one, opened on the first batch. null turns geo off. */
  readonly geo?: GeoDb | null;
  /** ASN table; default: the shipped one, loaded on the first batch. null turns ASN off. */
  readonly asn?: AsnDb | null;
  /** Directory for derived caches (the ASN tables' binary form), e.g. `<dataDir>/cache`. */
  readonly cacheDir?: string;
  /** Clock for intel expiry. */
  readonly now?: () => number;
  /** Told about configuration problems found while enriching (an invalid tenant CIDR). */
  readonly onWarning?: (message: string) => void;
}

/** Field names of one end of a connection. */
interface End {
  readonly ip: 'source.ip' | 'destination.ip';
  readonly country: 'source.geo.country_iso_code' | 'destination.geo.country_iso_code';
  readonly asNumber: 'source.as.number' | 'destination.as.number';
  readonly asOrg: 'source.as.organization.name' | 'destination.as.organization.name';
}

const SOURCE: End = { ip: 'source.ip', country: 'source.geo.country_iso_code', asNumber: 'source.as.number', asOrg: 'source.as.organization.name' };
const DESTINATION: End = {
  ip: 'destination.ip',
  country: 'destination.geo.country_iso_code',
  asNumber: 'destination.as.number',
  asOrg: 'destination.as.organization.name',
};

/** Name fields checked against domain intel, in order of preference for equal confidence. */
const DOMAIN_FIELDS = ['dns.question.name', 'url.domain', 'tls.server.name', 'destination.domain'] as const;

export function createEnrichment(opts: EnrichmentOptions): Enricher {
  const warn = opts.onWarning ?? (() => {});
  const resolver = new NetworkResolver((tenant, bad) => warn(`tenant ${tenant}: networks entries are not CIDRs and are ignored: ${bad.join(', ')}`));
  const assetsNow = live(opts.assets);
  const intelNow = live(opts.intel);
  const now = opts.now ?? Date.now;
  let geo = opts.geo;
  let asn = opts.asn;
  const src = new IpAddr();
  const dst = new IpAddr();

  const fillEnd = (e: VaernEvent, end: End, addr: IpAddr, text: string): void => {
    if (!isGlobal(addr)) return;
    if (geo && e[end.country] === undefined) {
      const cc = geo.country(addr, text);
      if (cc !== undefined) e[end.country] = cc;
    }
    if (asn && e[end.asNumber] === undefined) {
      const row = asn.row(addr);
      if (row >= 0) {
        e[end.asNumber] = asn.numberAt(row);
        e[end.asOrg] = asn.organizationAt(row);
      }
    }
  };

  return {
    name: 'enrichment',
    enrich(events: VaernEvent[]): void {
      if (events.length === 0) return;
      // The databases are loaded on first use so commands that never enrich do not pay for them.
      if (geo === undefined) geo = GeoDb.open();
      if (asn === undefined) asn = AsnDb.load({ cacheDir: opts.cacheDir });
      const tenants = opts.tenants();
      const assets = assetsNow();
      const intel = intelNow();
      const at = now();
      let tenant: string | undefined;
      let networks: TenantNetworks | undefined;
      let inventory: PrefixMap<Asset> | undefined;
      for (const e of events) {
        if (e['vaern.tenant'] !== tenant) {
          tenant = e['vaern.tenant'];
          networks = resolver.resolve(tenants, tenant);
          inventory = assets?.forTenant(tenant);
        }
        const sText = e['source.ip'];
        const dText = e['destination.ip'];
        const s = sText !== undefined && parseIpInto(sText, src);
        const d = dText !== undefined && parseIpInto(dText, dst);
        if (s) fillEnd(e, SOURCE, src, sText);
        if (d) fillEnd(e, DESTINATION, dst, dText);
        if (s && d && !TENANT_RELATIVE.has(e['network.direction'] ?? '')) e['network.direction'] = networks!.direction(src, dst);
        if (inventory !== undefined && e['vaern.zone'] === undefined) setZone(e, inventory, s ? src : undefined, d ? dst : undefined);
        if (intel !== undefined && e['threat.indicator.matched.atomic'] === undefined) {
          setIntel(e, intel, at, s ? src : undefined, d ? dst : undefined);
        }
      }
    },
  };
}

function live<T>(v: Live<T> | undefined): () => T | undefined {
  return typeof v === 'function' ? (v as () => T) : () => v;
}

/**
 * Zone, sectors and criticality of the internal end: the source for outbound traffic, otherwise
 * the destination (the end being reached), falling back to the other end when only it is listed.
 */
function setZone(e: VaernEvent, inventory: PrefixMap<Asset>, s: IpAddr | undefined, d: IpAddr | undefined): void {
  const [first, second] = e['network.direction'] === 'outbound' ? [s, d] : [d, s];
  const asset = (first && inventory.get(first)) ?? (second && inventory.get(second));
  if (!asset) return;
  e['vaern.zone'] = asset.zone;
  // A copy: downstream stages may treat event arrays as theirs.
  if (asset.sectors.length > 0) e['vaern.sector'] = asset.sectors.slice();
  e['vaern.criticality'] = asset.criticality;
}

/** Scratch for names that turn out to be addresses (one pass runs at a time: enrich is sync). */
const nameAddr = new IpAddr();

interface Match {
  entry: IntelEntry | undefined;
  field: string;
  atomic: string;
}

function consider(m: Match, hit: IntelEntry | undefined, field: string, atomic: string): void {
  if (hit !== undefined && (m.entry === undefined || hit.confidence > m.entry.confidence)) {
    m.entry = hit;
    m.field = field;
    m.atomic = atomic;
  }
}

/** The highest-confidence live hit over the event's addresses and names; first field wins ties. */
function setIntel(e: VaernEvent, intel: IntelMatcher, now: number, s: IpAddr | undefined, d: IpAddr | undefined): void {
  const m: Match = { entry: undefined, field: '', atomic: '' };
  // Special-purpose addresses are skipped: feeds that list 10.0.0.1 would flag every tenant.
  if (s !== undefined && isGlobal(s)) consider(m, intel.matchIp(s, now), 'source.ip', e['source.ip']!);
  if (d !== undefined && isGlobal(d)) consider(m, intel.matchIp(d, now), 'destination.ip', e['destination.ip']!);
  for (const f of DOMAIN_FIELDS) {
    const name = e[f];
    if (name === undefined) continue;
    // URLs and SNI with a bare address (http://198.51.100.7/x) are matched as addresses.
    if (parseIpInto(name, nameAddr)) {
      if (isGlobal(nameAddr)) consider(m, intel.matchIp(nameAddr, now), f, name);
    } else {
      consider(m, intel.matchDomain(name, now), f, name);
    }
  }
  if (m.entry === undefined) return;
  e['threat.indicator.matched.atomic'] = m.atomic;
  e['threat.indicator.matched.field'] = m.field;
  e['threat.indicator.provider'] = m.entry.source;
  e['threat.indicator.confidence'] = confidenceLabel(m.entry.confidence);
  e['threat.indicator.name'] = m.entry.indicator;
}
