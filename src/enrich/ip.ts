/**
 * IP address and CIDR parsing for the enrichment hot path.
 *
 * Addresses are parsed into a reusable `IpAddr` (IPv4 as one uint32, IPv6 as four uint32 words,
 * most significant first) so a batch of events allocates nothing per address. The parsers are
 * hand-written because `ipaddr.js` and `net.isIP` allocate and are several times slower here.
 * IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) are read as the IPv4 address they carry, so
 * dual-stack sockets do not hide an IPv4 peer from geo, ASN and intel lookups.
 */

/** A parsed address. Mutable on purpose: the pipeline parses into two scratch instances. */
export class IpAddr {
  /** 0 when the last parse failed. */
  version: 0 | 4 | 6 = 0;
  /** The IPv4 address as an unsigned 32-bit number (valid when `version` is 4). */
  v4 = 0;
  /** The IPv6 address as four 32-bit words, most significant first (valid when `version` is 6). */
  readonly v6 = new Uint32Array(4);
}

/** A CIDR block. Bounds are bigints: CIDRs are parsed when tables are built, never per event. */
export interface Cidr {
  readonly version: 4 | 6;
  readonly prefix: number;
  /** First and last address of the block, host bits cleared and set. */
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Parse dotted-quad IPv4 within `text[start, end)`. Returns the address as uint32, or -1.
 * Leading zeros are read as decimal (`010` is 10), as Linux tools print them.
 */
export function parseIPv4(text: string, start = 0, end = text.length): number {
  let acc = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      acc = acc * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return acc * 256 + octet;
}

const groups = new Uint16Array(8);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parse IPv6 text (with `::`, an optional dotted IPv4 tail and an optional `%zone`, which is
 * ignored) into four words. Returns false when the text is not IPv6.
 */
export function parseIPv6Into(text: string, out: Uint32Array): boolean {
  let end = text.indexOf('%');
  if (end < 0) end = text.length;
  let n = 0;
  let gap = -1;
  let i = 0;
  if (end >= 2 && text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < end) {
    let j = i;
    let v = 0;
    let h: number;
    while (j < end && (h = hexValue(text.charCodeAt(j))) >= 0) {
      v = v * 16 + h;
      if (++j - i > 4) break;
    }
    if (j < end && text.charCodeAt(j) === 46) {
      const v4 = parseIPv4(text, i, end);
      if (v4 < 0 || n > 6) return false;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      break;
    }
    if (j === i || j - i > 4 || n === 8) return false;
    groups[n++] = v;
    if (j === end) break;
    if (text.charCodeAt(j) !== 58) return false;
    j++;
    if (j < end && text.charCodeAt(j) === 58) {
      if (gap >= 0) return false;
      gap = n;
      j++;
    } else if (j === end) {
      return false;
    }
    i = j;
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  // Expand the `::` gap: groups after it move to the end, zeros fill the middle.
  const tail = gap < 0 ? 0 : n - gap;
  for (let w = 0; w < 4; w++) {
    const hi = expanded(2 * w, gap, tail);
    const lo = expanded(2 * w + 1, gap, tail);
    out[w] = ((hi << 16) | lo) >>> 0;
  }
  return true;
}

function expanded(k: number, gap: number, tail: number): number {
  if (gap < 0 || k < gap) return groups[k]!;
  if (k >= 8 - tail) return groups[gap + (k - (8 - tail))]!;
  return 0;
}

/** Parse IPv4 or IPv6 text into `out`. Returns false (and sets version 0) when it is neither. */
export function parseIpInto(text: string, out: IpAddr): boolean {
  const v4 = parseIPv4(text);
  if (v4 >= 0) {
    out.version = 4;
    out.v4 = v4;
    return true;
  }
  const w = out.v6;
  if (!parseIPv6Into(text, w)) {
    out.version = 0;
    return false;
  }
  if (w[0] === 0 && w[1] === 0 && w[2] === 0xffff) {
    out.version = 4;
    out.v4 = w[3]!;
  } else {
    out.version = 6;
  }
  return true;
}

/** Allocating convenience for code off the hot path. */
export function parseIp(text: string): IpAddr | undefined {
  const a = new IpAddr();
  return parseIpInto(text, a) ? a : undefined;
}

/** The address as a bigint (IPv4 in 32 bits, IPv6 in 128). */
export function ipToBigInt(a: IpAddr): bigint {
  if (a.version === 4) return BigInt(a.v4);
  const w = a.v6;
  return (BigInt(w[0]!) << 96n) | (BigInt(w[1]!) << 64n) | (BigInt(w[2]!) << 32n) | BigInt(w[3]!);
}

/** Reused by parseCidr: tables of 100k+ CIDRs are built at once, and each IpAddr allocates. */
const cidrScratch = new IpAddr();

export class CidrError extends Error {
  override name = 'CidrError';
}

/**
 * Parse `a.b.c.d/n` or `x::/n`; a bare address is a /32 or /128. Host bits are cleared, as
 * routers and intel feeds treat `192.0.2.7/24` as `192.0.2.0/24`. Throws `CidrError`.
 */
export function parseCidr(text: string): Cidr {
  const t = text.trim();
  const slash = t.indexOf('/');
  const a = cidrScratch;
  if (!parseIpInto(slash < 0 ? t : t.slice(0, slash), a)) throw new CidrError(`not an IP address or CIDR: "${text}"`);
  const bits = a.version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = t.slice(slash + 1);
    prefix = /^\d{1,3}$/.test(p) ? Number(p) : NaN;
    // An IPv4-mapped IPv6 CIDR counts its prefix over 128 bits; shift it onto the IPv4 address.
    if (a.version === 4 && t.slice(0, slash).includes(':')) prefix -= 96;
    if (!(prefix >= 0 && prefix <= bits)) throw new CidrError(`bad prefix length in "${text}"`);
  }
  const hostBits = BigInt(bits - prefix);
  const start = (ipToBigInt(a) >> hostBits) << hostBits;
  return { version: a.version === 4 ? 4 : 6, prefix, start, end: start + (1n << hostBits) - 1n };
}

/** Dotted-quad text of a uint32 IPv4 address. */
export function formatIPv4(v4: number): string {
  return `${v4 >>> 24}.${(v4 >>> 16) & 255}.${(v4 >>> 8) & 255}.${v4 & 255}`;
}
