/**
 * Normalisation shared by every decoder, so that two vendors' logs of the same thing produce the
 * same field values: protocol names, action words, IP text, integers.
 *
 * Helpers here that write to an event use literal field names, and the decoders do the same:
 * V8 turns an object with more than a dozen properties added through computed keys
 * (`event[field] = …`) into a slow dictionary, which costs the decode path several times over.
 */
import type { VaernEvent } from '../../model/event.ts';

/** IANA protocol numbers Vaern names, with the ECS (lower-case IANA keyword) spelling. */
const PROTOCOLS: readonly (readonly [number, string])[] = [
  [0, 'hopopt'], [1, 'icmp'], [2, 'igmp'], [4, 'ipv4'], [6, 'tcp'], [8, 'egp'], [17, 'udp'],
  [41, 'ipv6'], [43, 'ipv6-route'], [44, 'ipv6-frag'], [47, 'gre'], [50, 'esp'], [51, 'ah'],
  [58, 'ipv6-icmp'], [59, 'ipv6-nonxt'], [60, 'ipv6-opts'], [88, 'eigrp'], [89, 'ospf'],
  [94, 'ipip'], [103, 'pim'], [112, 'vrrp'], [115, 'l2tp'], [132, 'sctp'], [136, 'udplite'],
];
const NAME_BY_NUMBER = new Map<number, string>(PROTOCOLS);
const NUMBER_BY_NAME = new Map<string, number>([
  ...PROTOCOLS.map(([n, name]) => [name, n] as const),
  ['icmpv6', 58], ['icmp6', 58], ['ipv6icmp', 58], ['ipencap', 4], ['ip-in-ip', 94], ['carp', 112], ['pfsync', 240],
]);

/** ECS `network.transport` name of an IANA protocol number. */
export function protocolName(num: number): string | undefined {
  return NAME_BY_NUMBER.get(num);
}

/** IANA number of a protocol name in any case (`TCP`, `icmpv6`, `ipv6-icmp`). */
export function protocolNumber(name: string): number | undefined {
  return NUMBER_BY_NAME.get(name.toLowerCase());
}

/**
 * Sets `network.transport` and `network.iana_number` from a protocol given either as a number
 * (`6`) or a name (`tcp`, `UDP`). Unknown names are kept lower-cased as the transport.
 */
export function setProtocol(event: VaernEvent, proto: string): void {
  if (proto === '') return;
  const num = parseUint(proto);
  if (num !== undefined) {
    if (num > 255) return;
    event['network.iana_number'] = String(num);
    const name = NAME_BY_NUMBER.get(num);
    if (name !== undefined) event['network.transport'] = name;
    return;
  }
  const lower = proto.toLowerCase();
  const n = NUMBER_BY_NAME.get(lower);
  if (n !== undefined) {
    event['network.iana_number'] = String(n);
    event['network.transport'] = NAME_BY_NUMBER.get(n) ?? lower;
  } else {
    event['network.transport'] = lower;
  }
}

export type Verdict = 'allowed' | 'denied';

/**
 * Vendor action words by verdict. Session-end words (`close`, `timeout`, `teardown`) mean the
 * traffic was let through, as does an IPS `alert`; resets and sinkholes mean it was stopped.
 */
const VERDICTS = new Map<string, Verdict>([
  ...['accept', 'accepted', 'allow', 'allowed', 'pass', 'passed', 'permit', 'permitted', 'passthrough',
    'close', 'closed', 'timeout', 'built', 'teardown', 'client-rst', 'server-rst', 'ip-conn', 'alert'].map((w) => [w, 'allowed'] as const),
  ...['deny', 'denied', 'drop', 'dropped', 'block', 'blocked', 'reject', 'rejected', 'refuse', 'refused',
    'discard', 'discarded', 'reset', 'reset-both', 'reset-client', 'reset-server', 'drop-icmp', 'drop-all',
    'drop-all-packets', 'sinkhole', 'blacklist', 'blocklist', 'quarantine', 'prevent', 'prevented'].map((w) => [w, 'denied'] as const),
]);

/** `allowed` / `denied` for a vendor's action word in any case, or undefined when it says neither. */
export function normalizeAction(word: string): Verdict | undefined {
  return VERDICTS.get(word) ?? VERDICTS.get(word.toLowerCase());
}

/**
 * Sets `event.action` (normalised), `vaern.vendor_action`, `event.outcome` and appends the verdict
 * to `event.type` when the vendor's word says allowed or denied.
 */
export function setAction(event: VaernEvent, vendorWord: string): Verdict | undefined {
  if (vendorWord === '') return undefined;
  event['vaern.vendor_action'] = vendorWord;
  const verdict = normalizeAction(vendorWord);
  if (verdict === undefined) return undefined;
  event['event.action'] = verdict;
  event['event.outcome'] = 'success';
  const types = event['event.type'];
  if (types === undefined) event['event.type'] = [verdict];
  else if (!types.includes(verdict)) types.push(verdict);
  return verdict;
}

/** Non-negative decimal integer without sign or spaces, or undefined (also when not a safe integer). */
export function parseUint(s: string): number | undefined {
  return parseUintIn(s, 0, s.length);
}

/** `parseUint` of the characters [from, to) of `s`, without slicing them out. */
export function parseUintIn(s: string, from: number, to: number): number | undefined {
  const len = to - from;
  if (len <= 0 || len > 16) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n <= Number.MAX_SAFE_INTEGER ? n : undefined;
}

/** Decimal integer with optional leading `-`, or undefined. */
export function parseInteger(s: string): number | undefined {
  if (s.charCodeAt(0) === 45) {
    const n = parseUint(s.slice(1));
    return n === undefined ? undefined : -n;
  }
  return parseUint(s);
}

/** A TCP/UDP port (0-65535), or undefined. */
export function parsePort(s: string): number | undefined {
  const n = parseUint(s);
  return n !== undefined && n <= 65535 ? n : undefined;
}

/**
 * Canonical text of an IPv4 or IPv6 address, or undefined when `s` is neither. IPv4 loses leading
 * zeros; IPv6 follows RFC 5952 (lower case, longest zero run compressed, IPv4-mapped dotted), and a
 * zone (`%eth0`) is dropped because ECS `ip` fields cannot hold it.
 */
export function canonicalIp(s: string): string | undefined {
  if (s.length === 0 || s.length > 64) return undefined;
  if (s.indexOf(':') < 0) return canonicalIpv4(s);
  return canonicalIpv6(s);
}

/** Fast path for the common case: already canonical IPv4 is returned as is (no allocation). */
export function canonicalIpv4(s: string): string | undefined {
  let parts = 0;
  let n = 0;
  let len = 0;
  let canonical = true;
  for (let i = 0; i <= s.length; i++) {
    const c = i === s.length ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (len === 0 || n > 255) return undefined;
      parts++;
      n = 0;
      len = 0;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9 || len >= 3) return undefined;
      if (len > 0 && n === 0) canonical = false;
      n = n * 10 + d;
      len++;
    }
  }
  if (parts !== 4) return undefined;
  return canonical ? s : s.split('.').map((p) => String(Number(p))).join('.');
}

function canonicalIpv6(input: string): string | undefined {
  const pct = input.indexOf('%');
  const groups = ipv6Groups(pct >= 0 ? input.slice(0, pct) : input);
  if (groups === undefined) return undefined;
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  // RFC 5952 4.2: compress the longest run of two or more zero groups, the first on a tie.
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestAt) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[i]!.toString(16);
  }
  return out;
}

/**
 * The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted IPv4), or undefined.
 * One pass over the characters: this runs for every IPv6 address of every line.
 */
function ipv6Groups(s: string): number[] | undefined {
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  const len = s.length;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return undefined;
    gap = 0;
    i = 2;
  }
  while (i < len) {
    const groupStart = i;
    let v = 0;
    for (; i < len && i - groupStart < 5; i++) {
      const d = hexDigit(s.charCodeAt(i));
      if (d < 0) break;
      v = v * 16 + d;
    }
    const c = s.charCodeAt(i);
    if (c === 46) {
      // Dotted IPv4 in the last 32 bits.
      const v4 = canonicalIpv4(s.slice(groupStart));
      if (v4 === undefined || groups.length > 6) return undefined;
      const o = v4.split('.');
      groups.push((Number(o[0]) << 8) | Number(o[1]), (Number(o[2]) << 8) | Number(o[3]));
      i = len;
      break;
    }
    const n = i - groupStart;
    if (n === 0 || n > 4) return undefined;
    groups.push(v);
    if (i === len) break;
    if (c !== 58) return undefined;
    i++;
    if (s.charCodeAt(i) === 58) {
      if (gap >= 0) return undefined;
      gap = groups.length;
      i++;
    } else if (i === len) {
      return undefined;
    }
  }
  if (gap < 0) return groups.length === 8 ? groups : undefined;
  const fill = 8 - groups.length;
  if (fill < 1) return undefined;
  groups.splice(gap, 0, ...new Array<number>(fill).fill(0));
  return groups;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** `related.ip` from the event's source and destination (and NAT) addresses, without duplicates. */
export function setRelatedIps(event: VaernEvent): void {
  const out: string[] = [];
  for (const f of ['source.ip', 'destination.ip', 'source.nat.ip', 'destination.nat.ip'] as const) {
    const v = event[f];
    if (v !== undefined && !out.includes(v)) out.push(v);
  }
  if (out.length > 0) event['related.ip'] = out;
}

/** `network.type` (`ipv4` / `ipv6`) from an address already in canonical form. */
export function ipVersion(ip: string): 'ipv4' | 'ipv6' {
  return ip.indexOf(':') >= 0 ? 'ipv6' : 'ipv4';
}
