/**
 * Steps the firewall / VPN decoders of Cisco, Check Point, Sophos, SonicWall, Juniper, OpenSSH,
 * CEF and LEEF share: authentication verdicts, counters, endpoints that may be a name rather than
 * an address, and the `related.*` finish. Kept apart from normalize.ts, which is not ours to grow.
 *
 * Like normalize.ts, every write uses a literal field name (V8 keeps the event in fast mode).
 */
import type { VaernEvent } from '../../model/event.ts';
import { canonicalIp, parsePort, setRelatedIps } from './normalize.ts';

export type AuthAction = 'logged-in' | 'login-failed' | 'logged-out';

/**
 * Makes `e` an authentication event: `event.category` authentication, the normalised action,
 * the outcome, and `event.type` start / end / info as ECS suggests for logins and logouts.
 */
export function setAuth(e: VaernEvent, action: AuthAction): void {
  e['event.category'] = ['authentication'];
  e['event.action'] = action;
  e['event.outcome'] = action === 'login-failed' ? 'failure' : 'success';
  e['event.type'] = action === 'logged-in' ? ['start'] : action === 'logged-out' ? ['end'] : ['info'];
}

/** Sets `source.ip`, or `source.domain` when the vendor logged a name; false when empty. */
export function setSource(e: VaernEvent, text: string | undefined, port?: string): boolean {
  if (text === undefined || text === '') return false;
  const ip = canonicalIp(text);
  if (ip !== undefined) e['source.ip'] = ip;
  else e['source.domain'] = text;
  const p = port === undefined ? undefined : parsePort(port);
  if (p !== undefined) e['source.port'] = p;
  return true;
}

/** Sets `destination.ip`, or `destination.domain` when the vendor logged a name. */
export function setDestination(e: VaernEvent, text: string | undefined, port?: string): boolean {
  if (text === undefined || text === '') return false;
  const ip = canonicalIp(text);
  if (ip !== undefined) e['destination.ip'] = ip;
  else e['destination.domain'] = text;
  const p = port === undefined ? undefined : parsePort(port);
  if (p !== undefined) e['destination.port'] = p;
  return true;
}

/** Byte and packet counters by direction, and their `network.*` sums. Undefined counts are skipped. */
export function setCounters(e: VaernEvent, srcBytes?: number, dstBytes?: number, srcPackets?: number, dstPackets?: number): void {
  if (srcBytes !== undefined) e['source.bytes'] = srcBytes;
  if (dstBytes !== undefined) e['destination.bytes'] = dstBytes;
  if (srcBytes !== undefined || dstBytes !== undefined) e['network.bytes'] = (srcBytes ?? 0) + (dstBytes ?? 0);
  if (srcPackets !== undefined) e['source.packets'] = srcPackets;
  if (dstPackets !== undefined) e['destination.packets'] = dstPackets;
  if (srcPackets !== undefined || dstPackets !== undefined) e['network.packets'] = (srcPackets ?? 0) + (dstPackets ?? 0);
}

/** Values vendors write for "no user" in their user columns. */
const NO_USER = new Set(['', '-', 'N/A', 'n/a', 'none', 'None', 'unknown', 'Unknown', '(null)']);

/** Sets `user.name` unless the vendor wrote a placeholder. */
export function setUser(e: VaernEvent, name: string | undefined): void {
  if (name !== undefined && !NO_USER.has(name)) e['user.name'] = name;
}

/** `related.ip` and `related.user`: the last step of every decoder here. */
export function finish(e: VaernEvent): VaernEvent {
  setRelatedIps(e);
  const user = e['user.name'];
  if (user !== undefined) e['related.user'] = [user];
  return e;
}

/** Makes `e` an IDS-style alert (threat detection, IPS, anti-malware). */
export function setAlert(e: VaernEvent): void {
  e['event.kind'] = 'alert';
  e['event.category'] = ['network', 'intrusion_detection'];
}
