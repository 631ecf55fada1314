import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { parseIsoTime } from '../syslog/timestamp.ts';
import { CsvRecord } from './csv.ts';
import { ecsMac, networkEvent, secondsToNs } from './event-base.ts';
import { canonicalIp, setAction, setProtocol, setRelatedIps } from './normalize.ts';

/**
 * Palo Alto Networks PAN-OS syslog CSV, in the default field orders of Palo Alto's "Syslog Field
 * Descriptions" (PAN-OS 10.x/11.x; older releases send a prefix of the same columns):
 *
 *   FUTURE_USE, Receive Time, Serial, Type, Subtype, FUTURE_USE, Generated Time, …
 *
 * TRAFFIC, THREAT and DECRYPTION share the session columns up to Action (index 30). SYSTEM and
 * GLOBALPROTECT have their own layouts; their login events become `authentication` events.
 */
const OBSERVER = { format: 'panos', vendor: 'Palo Alto Networks', product: 'PAN-OS' } as const;
const SNIFF = /^\d*,(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[^,]*),[^,]*,[A-Z]+,/;

/** Column indexes (0-based) that differ per log type. */
const T = { bytes: 31, bytesSent: 32, bytesReceived: 33, packets: 34, elapsed: 36, pktsSent: 44, pktsReceived: 45, endReason: 46, deviceName: 52, srcMac: 83, dstMac: 91, highRes: 102 } as const;
const THREAT = { misc: 31, threatId: 32, severity: 34, deviceName: 59 } as const;
const SYSTEM = { eventId: 8, module: 12, severity: 13, description: 14, deviceName: 22 } as const;
const GP = { eventId: 8, stage: 9, user: 12, publicIp: 15, publicIpv6: 16, reason: 25, error: 26, description: 27, status: 28, highRes: 36, deviceName: 47 } as const;
const SEVERITY: Readonly<Record<string, number>> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };

export const panos: Decoder = {
  format: 'panos',
  description: 'Palo Alto Networks PAN-OS CSV (TRAFFIC, THREAT, DECRYPTION, SYSTEM, GLOBALPROTECT)',
  sniff(payload) {
    return SNIFF.test(payload);
  },
  decode: decodePanos,
};

// One record reused across calls: decode is synchronous, so no call can see another's line.
const record = new CsvRecord();

function decodePanos(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const f = record;
  f.reset(payload);
  const result = decodeRecord(f, header, ctx);
  f.reset('');
  return result;
}

function decodeRecord(f: CsvRecord, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  if (!f.has(8)) return `panos: expected at least 9 fields, got ${f.count()}`;
  const type = f.get(3)!;
  const e = networkEvent(OBSERVER, header, ctx);
  const serial = f.get(2)!;
  if (serial !== '') e['observer.serial_number'] = serial;
  let reason: string | undefined;
  let highRes = -1;
  let deviceName = -1;
  switch (type) {
    case 'TRAFFIC':
    case 'DECRYPTION':
      reason = decodeSession(e, f) ?? decodeTraffic(e, f);
      highRes = type === 'TRAFFIC' ? T.highRes : -1;
      deviceName = type === 'TRAFFIC' ? T.deviceName : -1;
      break;
    case 'THREAT':
      reason = decodeSession(e, f) ?? decodeThreat(e, f);
      deviceName = THREAT.deviceName;
      break;
    case 'SYSTEM':
      decodeSystem(e, f);
      deviceName = SYSTEM.deviceName;
      break;
    case 'GLOBALPROTECT':
      reason = decodeGlobalProtect(e, f);
      highRes = GP.highRes;
      deviceName = GP.deviceName;
      break;
    default:
      return `panos: log type "${type.slice(0, 30)}" is not decoded`;
  }
  if (reason !== undefined) return reason;
  const name = deviceName >= 0 ? f.get(deviceName) : undefined;
  if (name !== undefined && name !== '') e['observer.hostname'] = name;
  const time = logTime(f, highRes, header);
  if (time !== undefined) e['@timestamp'] = time;
  setRelatedIps(e);
  if (e['user.name'] !== undefined) e['related.user'] = [e['user.name']];
  return e;
}

/**
 * Zoned times win over zone-less ones: the high-resolution timestamp (10.x), then an RFC 5424
 * header's time, then Generated Time, which PAN-OS writes in the device's local time without a
 * zone and Vaern reads as UTC.
 */
function logTime(f: CsvRecord, highRes: number, header: SyslogHeader | undefined): number | undefined {
  const hr = highRes >= 0 ? f.get(highRes) : undefined;
  if (hr !== undefined && hr !== '') {
    const t = parseIsoTime(hr, 0, 0).time;
    if (!Number.isNaN(t)) return t;
  }
  if (header?.rfc === '5424' && header.timestamp !== undefined) return header.timestamp;
  const t = parseIsoTime(f.get(6)!, 0, 0).time;
  return Number.isNaN(t) ? undefined : t;
}

/** The columns TRAFFIC, THREAT and DECRYPTION share (7-30); a reason when they are unusable. */
function decodeSession(e: VaernEvent, f: CsvRecord): string | undefined {
  if (!f.has(30)) return `panos: expected at least 31 fields for ${f.get(3)}, got ${f.count()}`;
  const srcText = f.get(7)!;
  const dstText = f.get(8)!;
  const src = canonicalIp(srcText);
  const dst = canonicalIp(dstText);
  if (src === undefined) return `panos: bad source address "${srcText.slice(0, 60)}"`;
  if (dst === undefined) return `panos: bad destination address "${dstText.slice(0, 60)}"`;
  e['source.ip'] = src;
  e['destination.ip'] = dst;
  const sport = port(f, 24);
  const dport = port(f, 25);
  if (sport !== undefined) e['source.port'] = sport;
  if (dport !== undefined) e['destination.port'] = dport;
  // 0.0.0.0 is PAN-OS for "no NAT".
  const natSrc = f.is(9, '0.0.0.0') ? undefined : canonicalIp(f.get(9)!);
  if (natSrc !== undefined) {
    e['source.nat.ip'] = natSrc;
    const p = port(f, 26);
    if (p !== undefined) e['source.nat.port'] = p;
  }
  const natDst = f.is(10, '0.0.0.0') ? undefined : canonicalIp(f.get(10)!);
  if (natDst !== undefined) {
    e['destination.nat.ip'] = natDst;
    const p = port(f, 27);
    if (p !== undefined) e['destination.nat.port'] = p;
  }
  const rule = f.get(11)!;
  if (rule !== '') e['rule.name'] = rule;
  setUser(e, f.get(12)!);
  const app = f.get(14)!;
  if (app !== '') e['network.application'] = app;
  const fromZone = f.get(16)!;
  if (fromZone !== '') e['observer.ingress.zone'] = fromZone;
  const toZone = f.get(17)!;
  if (toZone !== '') e['observer.egress.zone'] = toZone;
  const inIf = f.get(18)!;
  if (inIf !== '') e['observer.ingress.interface.name'] = inIf;
  const outIf = f.get(19)!;
  if (outIf !== '') e['observer.egress.interface.name'] = outIf;
  setProtocol(e, f.get(29)!);
  return undefined;
}

function decodeTraffic(e: VaernEvent, f: CsvRecord): undefined {
  if (f.is(4, 'start')) e['event.type']!.push('start');
  else if (f.is(4, 'end')) e['event.type']!.push('end');
  setAction(e, f.get(30)!);
  const bytes = f.uint(T.bytes);
  const bytesSent = f.uint(T.bytesSent);
  const bytesReceived = f.uint(T.bytesReceived);
  const packets = f.uint(T.packets);
  const pktsSent = f.uint(T.pktsSent);
  const pktsReceived = f.uint(T.pktsReceived);
  if (bytes !== undefined) e['network.bytes'] = bytes;
  if (bytesSent !== undefined) e['source.bytes'] = bytesSent;
  if (bytesReceived !== undefined) e['destination.bytes'] = bytesReceived;
  if (packets !== undefined) e['network.packets'] = packets;
  if (pktsSent !== undefined) e['source.packets'] = pktsSent;
  if (pktsReceived !== undefined) e['destination.packets'] = pktsReceived;
  const elapsed = f.get(T.elapsed);
  const ns = elapsed === undefined ? undefined : secondsToNs(elapsed);
  if (ns !== undefined) e['event.duration'] = ns;
  const end = f.get(T.endReason);
  if (end !== undefined && end !== '' && end !== 'n/a') e['event.reason'] = end;
  const srcMac = mac(f.get(T.srcMac));
  const dstMac = mac(f.get(T.dstMac));
  if (srcMac !== undefined) e['source.mac'] = srcMac;
  if (dstMac !== undefined) e['destination.mac'] = dstMac;
  return undefined;
}

function decodeThreat(e: VaernEvent, f: CsvRecord): undefined {
  const subtype = f.get(4)!;
  setAction(e, f.get(30)!);
  const misc = f.get(THREAT.misc) ?? '';
  if (subtype === 'url') {
    e['event.category'] = ['network', 'web'];
    const slash = misc.indexOf('/');
    const domain = slash < 0 ? misc : misc.slice(0, slash);
    if (domain !== '') e['url.domain'] = domain;
    if (slash >= 0) e['url.path'] = misc.slice(slash);
  } else {
    e['event.kind'] = 'alert';
    e['event.category'] = subtype.includes('virus') ? ['network', 'malware'] : ['network', 'intrusion_detection'];
  }
  const threat = f.get(THREAT.threatId) ?? '';
  if (threat !== '') {
    // "Name(12345)": the signature's name and id.
    const open = threat.lastIndexOf('(');
    if (open >= 0 && threat.endsWith(')')) {
      e['event.code'] = threat.slice(open + 1, -1);
      if (open > 0) e.message = threat.slice(0, open).trimEnd();
    } else {
      e['event.code'] = threat;
    }
  }
  setSeverity(e, f.get(THREAT.severity));
  return undefined;
}

function decodeSystem(e: VaernEvent, f: CsvRecord): void {
  const eventId = f.get(SYSTEM.eventId) ?? '';
  const description = f.get(SYSTEM.description) ?? '';
  e['event.category'] = ['host'];
  e['event.type'] = ['info'];
  if (eventId !== '') e['event.code'] = eventId;
  if (description !== '') e.message = description;
  setSeverity(e, f.get(SYSTEM.severity));
  // Before 9.1 GlobalProtect logins were SYSTEM events (globalprotectgateway-auth-succ, …).
  const auth = /auth-(?:succ|success)$/.test(eventId) ? 'logged-in' : /auth-fail/.test(eventId) ? 'login-failed' : /logout-succ/.test(eventId) ? 'logged-out' : undefined;
  if (auth === undefined) return;
  setAuth(e, auth, eventId);
  // "… User name: bob, …" (GlobalProtect) or "failed authentication for user 'bob'. … From: 192.0.2.1."
  const user = /User name: ([^,]+)|for user '([^']+)'/.exec(description);
  if (user !== null) setUser(e, (user[1] ?? user[2]!).trim());
  const from = /[Ff]rom: ([0-9A-Fa-f:.]*[0-9A-Fa-f])/.exec(description);
  const ip = from === null ? undefined : canonicalIp(from[1]!);
  if (ip !== undefined) e['source.ip'] = ip;
}

function decodeGlobalProtect(e: VaernEvent, f: CsvRecord): string | undefined {
  if (!f.has(GP.status)) return `panos: expected at least ${GP.status + 1} fields for GLOBALPROTECT, got ${f.count()}`;
  const eventId = f.get(GP.eventId)!;
  const status = f.get(GP.status)!;
  const ok = status === 'success';
  e['event.type'] = ['info'];
  if (eventId !== '') e['event.code'] = eventId;
  setUser(e, f.get(GP.user)!);
  const ip = canonicalIp(f.get(GP.publicIp)!) ?? canonicalIp(f.get(GP.publicIpv6)!);
  if (ip !== undefined) e['source.ip'] = ip;
  const error = f.get(GP.error)!;
  const reason = error !== '' ? error : f.get(GP.reason)!;
  if (reason !== '') e['event.reason'] = reason;
  const description = f.get(GP.description)!;
  if (description !== '') e.message = description;
  const auth = eventId.includes('logout') ? 'logged-out' : /-(?:auth|login|prelogin|connected)$/.test(eventId) ? (ok ? 'logged-in' : 'login-failed') : undefined;
  if (auth === undefined) {
    e['event.category'] = ['network'];
    if (status !== '') e['event.outcome'] = ok ? 'success' : 'failure';
    return undefined;
  }
  setAuth(e, auth, eventId);
  if (!ok) e['event.outcome'] = 'failure';
  return undefined;
}

function setAuth(e: VaernEvent, action: 'logged-in' | 'login-failed' | 'logged-out', vendorWord: string): void {
  e['event.category'] = ['authentication'];
  e['event.action'] = action;
  e['vaern.vendor_action'] = vendorWord;
  e['event.outcome'] = action === 'login-failed' ? 'failure' : 'success';
  e['event.type'] = action === 'logged-in' ? ['start'] : action === 'logged-out' ? ['end'] : ['info'];
}

/** `DOMAIN\user` and `user@domain` are split into user.name and user.domain. */
function setUser(e: VaernEvent, text: string): void {
  if (text === '') return;
  const bs = text.indexOf('\\');
  if (bs > 0) {
    e['user.domain'] = text.slice(0, bs);
    e['user.name'] = text.slice(bs + 1);
  } else {
    e['user.name'] = text;
  }
}

function setSeverity(e: VaernEvent, text: string | undefined): void {
  if (text === undefined || text === '') return;
  e['log.level'] = text;
  const n = SEVERITY[text];
  if (n !== undefined) e['event.severity'] = n;
}

/** A port column: `parsePort` read in place. */
function port(f: CsvRecord, k: number): number | undefined {
  const n = f.uint(k);
  return n !== undefined && n <= 65535 ? n : undefined;
}

function mac(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : ecsMac(text);
}
