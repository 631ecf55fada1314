import ipaddr from 'ipaddr.js';

/**
 * Addresses and CIDRs as numbers, for the internal address columns and address filters.
 *
 * IPv4 is parsed by hand because it runs for two addresses of every appended event; IPv6 (rare in
 * firewall logs, and with many textual forms) goes through ipaddr.js.
 */

/** IPv4 dotted quad to an unsigned 32-bit number, or undefined when not a valid IPv4 address. */
export function ipv4ToNumber(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

/** IPv6 address to an unsigned 128-bit bigint, or undefined when not IPv6. */
export function ipv6ToBigInt(text: string): bigint | undefined {
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return undefined;
  return partsToBigInt(ipaddr.IPv6.parse(text).parts);
}

function partsToBigInt(parts: readonly number[]): bigint {
  let n = 0n;
  for (const p of parts) n = (n << 16n) | BigInt(p);
  return n;
}

/** An address or CIDR as an inclusive numeric range in one family. */
export type AddressRange = { readonly family: 4; readonly lo: number; readonly hi: number } | { readonly family: 6; readonly lo: bigint; readonly hi: bigint };

export class AddressError extends Error {
  override name = 'AddressError';
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128). */
export function addressRange(text: string): AddressRange {
  const [addr = '', bits, extra] = text.trim().split('/');
  if (extra !== undefined) throw new AddressError(`not an address or CIDR: "${text}"`);
  const v4 = ipv4ToNumber(addr);
  const v6 = v4 === undefined ? ipv6ToBigInt(addr) : undefined;
  if (v4 === undefined && v6 === undefined) throw new AddressError(`not an address or CIDR: "${text}"`);
  const width = v4 === undefined ? 128 : 32;
  const prefix = bits === undefined ? width : Number(bits);
  if (!/^\d{1,3}$/.test(bits ?? '0') || prefix > width) throw new AddressError(`bad prefix length in "${text}"`);
  if (v4 !== undefined) {
    const size = 2 ** (32 - prefix);
    const lo = Math.floor(v4 / size) * size;
    return { family: 4, lo, hi: lo + size - 1 };
  }
  const hostBits = BigInt(128 - prefix);
  const lo = (v6! >> hostBits) << hostBits;
  return { family: 6, lo, hi: lo + (1n << hostBits) - 1n };
}
