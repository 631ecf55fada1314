import { z } from 'zod';
import table from './data/special-purpose.json' with { type: 'json' };
import { parseCidr, type IpAddr } from './ip.ts';
import { innermost, PrefixMap } from './prefix-map.ts';

/**
 * Special-purpose (not globally routed) address blocks, from data/special-purpose.json.
 *
 * Geo, ASN and intel skip these addresses (a country for 10.0.0.1 would be noise), and direction
 * treats the local-scope kinds as inside: multicast, broadcast and link-local packets never leave
 * the site, so calling them "outbound" would skew every outbound count.
 */

export const SPECIAL_KINDS = [
  'this-network',
  'unspecified',
  'private',
  'shared',
  'loopback',
  'link-local',
  'multicast',
  'broadcast',
  'documentation',
  'benchmarking',
  'reserved',
] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

const SpecialBlock = z.object({ cidr: z.string(), kind: z.enum(SPECIAL_KINDS), name: z.string(), ref: z.string() }).strict();
export type SpecialBlock = z.infer<typeof SpecialBlock>;

/** Shipped data, checked at load so a bad edit fails at start rather than misclassifying. */
export const SPECIAL_BLOCKS: readonly SpecialBlock[] = Object.freeze(z.array(SpecialBlock).parse(table.blocks));

const LOCAL_SCOPE: ReadonlySet<SpecialKind> = new Set(['this-network', 'unspecified', 'loopback', 'link-local', 'multicast', 'broadcast']);

const special = PrefixMap.build(
  SPECIAL_BLOCKS.map((b) => ({ cidr: parseCidr(b.cidr), item: b })),
  innermost,
);

/** The special-purpose block holding `addr`, or undefined for a global address. */
export function specialBlock(addr: IpAddr): SpecialBlock | undefined {
  return special.get(addr);
}

/** True for a globally routed unicast address: one with a country, an AS and possibly intel. */
export function isGlobal(addr: IpAddr): boolean {
  return addr.version !== 0 && special.get(addr) === undefined;
}

/** True for addresses whose traffic stays on the local link or host (see module comment). */
export function isLocalScope(addr: IpAddr): boolean {
  const b = special.get(addr);
  return b !== undefined && LOCAL_SCOPE.has(b.kind);
}

/** CIDRs of the `private` kind (RFC 1918 and ULA): the inside when a tenant lists no networks. */
export const DEFAULT_INTERNAL_NETWORKS: readonly string[] = Object.freeze(SPECIAL_BLOCKS.filter((b) => b.kind === 'private').map((b) => b.cidr));
