/** Text forms of wire values, written out by hand because they run once per decoded address. */

export function ipv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** RFC 5952 canonical text: lower-case hex, no leading zeros, the longest run of 2+ zero groups as `::`. */
export function ipv6(b: Uint8Array, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[off + i]! << 8) | b[off + i + 1]!);
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestAt < 0) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestAt).map((x) => x.toString(16)).join(':');
  const tail = g.slice(bestAt + bestLen).map((x) => x.toString(16)).join(':');
  return `${head}::${tail}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** ECS form of a MAC address: upper-case, dash-separated. */
export function mac(b: Uint8Array, off: number): string {
  return `${HEX[b[off]!]}-${HEX[b[off + 1]!]}-${HEX[b[off + 2]!]}-${HEX[b[off + 3]!]}-${HEX[b[off + 4]!]}-${HEX[b[off + 5]!]}`;
}

const TRANSPORTS: Record<number, string> = {
  1: 'icmp',
  2: 'igmp',
  6: 'tcp',
  17: 'udp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'ipv6-icmp',
  89: 'ospf',
  112: 'vrrp',
  132: 'sctp',
};

/** IANA protocol number as text (`network.iana_number` is a keyword) and ECS transport name. */
export const IANA_NUMBER: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));
export const TRANSPORT: readonly (string | undefined)[] = Array.from({ length: 256 }, (_, i) => TRANSPORTS[i]);

/** Rejects carry the start of the datagram as hex, bounded like every reject. */
export function hexOf(b: Uint8Array, maxChars: number): string {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, maxChars >> 1)).toString('hex');
}
