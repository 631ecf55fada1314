import type { VaernEvent } from '../model/event.ts';

/**
 * Which end of a connection is ours. The enricher sets `network.direction` from the tenant's own
 * address space (which may include public ranges); without enrichment we fall back on RFC 1918 /
 * RFC 6598 / RFC 4193 addresses, which is right for most municipal networks behind NAT.
 */
export type Direction = 'inbound' | 'outbound' | 'internal' | 'external';

export function directionOf(e: VaernEvent): Direction | undefined {
  const d = e['network.direction'];
  if (d === 'inbound' || d === 'outbound' || d === 'internal' || d === 'external') return d;
  const src = e['source.ip'];
  const dst = e['destination.ip'];
  if (src === undefined || dst === undefined) return undefined;
  const si = isPrivateIp(src);
  const di = isPrivateIp(dst);
  return si ? (di ? 'internal' : 'outbound') : di ? 'inbound' : 'external';
}

/**
 * Private, shared (CGNAT), link-local and loopback addresses. String tests rather than ipaddr.js
 * parsing: this runs for every event in several detectors and must not allocate.
 */
export function isPrivateIp(ip: string): boolean {
  if (ip.includes(':')) {
    const h = ip.charCodeAt(0) | 0x20;
    const l = ip.toLowerCase();
    return ip === '::1' || (h === 0x66 && (l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe8') || l.startsWith('fe9') || l.startsWith('fea') || l.startsWith('feb')));
  }
  if (ip.startsWith('10.') || ip.startsWith('192.168.') || ip.startsWith('127.') || ip.startsWith('169.254.')) return true;
  if (ip.startsWith('172.')) {
    const second = secondOctet(ip);
    return second >= 16 && second <= 31;
  }
  if (ip.startsWith('100.')) {
    const second = secondOctet(ip);
    return second >= 64 && second <= 127;
  }
  return false;
}

function secondOctet(ip: string): number {
  const end = ip.indexOf('.', 4);
  return end < 0 ? -1 : Number(ip.slice(4, end));
}

/** The destination as people name it: domain or TLS name when the sensor saw one, else the IP. */
export function destinationName(e: VaernEvent): string | undefined {
  return e['destination.domain'] ?? e['tls.server.name'] ?? e['url.domain'] ?? e['destination.ip'];
}
