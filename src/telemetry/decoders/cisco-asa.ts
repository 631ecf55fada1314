import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { monthIndex, parseIsoTime, wallClock } from '../syslog/timestamp.ts';
import { networkEvent } from './event-base.ts';
import { type AuthAction, finish, setAlert, setAuth, setCounters, setDestination, setSource, setUser } from './fw-common.ts';
import { canonicalIp, parseUint, setAction, setProtocol } from './normalize.ts';

/**
 * Cisco ASA and Firepower Threat Defense syslog (`%ASA-6-302013: …`, `%FTD-…`, old `%PIX-…`),
 * per Cisco's "Secure Firewall ASA Series Syslog Messages" reference. `event.code` is the
 * message id; one parser per message family, anything else keeps its text and any
 * `from … to …` addresses.
 *
 * Built/Teardown messages name the lower-security side first whatever the direction, so Vaern
 * puts the initiator in `source.*`: the first side for `inbound`, the second for `outbound`.
 * Teardowns carry no direction; the decoder remembers it per connection id from the Built
 * message, and assumes outbound (the common case for a municipality) when it never saw one.
 */
const OBSERVER_ASA = { format: 'cisco-asa', vendor: 'Cisco', product: 'ASA' } as const;
const OBSERVER_FTD = { format: 'cisco-asa', vendor: 'Cisco', product: 'FTD' } as const;
const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notification', 'informational', 'debug'];
/** `%ASA-6-302013:`, `ASA-6-302013:`, `%FTD-session-6-430002:` */
const TAG = /%?(ASA|FTD|PIX|FWSM)-(?:[a-z]+-)?([0-7])-(\d{6}):? ?/;

export const ciscoAsa: Decoder = {
  format: 'cisco-asa',
  description: 'Cisco ASA / Firepower Threat Defense syslog (%ASA-n-id, %FTD-n-id)',
  sniff(payload) {
    const head = payload.length > 160 ? payload.slice(0, 160) : payload;
    return (head.indexOf('ASA-') >= 0 || head.indexOf('FTD-') >= 0 || head.indexOf('PIX-') >= 0 || head.indexOf('FWSM-') >= 0) && TAG.test(head);
  },
  decode: decodeAsa,
};

function decodeAsa(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const head = payload.length > 160 ? payload.slice(0, 160) : payload;
  const tag = TAG.exec(head);
  if (tag === null) return 'cisco-asa: no %ASA-/%FTD- message tag';
  const e = networkEvent(tag[1] === 'FTD' ? OBSERVER_FTD : OBSERVER_ASA, header, ctx);
  const id = tag[3]!;
  const severity = Number(tag[2]);
  e['event.code'] = id;
  e['event.severity'] = severity;
  e['log.level'] = LEVELS[severity]!;
  e['event.type'] = ['info'];
  const body = payload.slice(tag.index + tag[0].length).trim();
  e.message = body;
  readPrefix(e, payload.slice(0, tag.index), header, ctx);
  // ASA sends no syslog tag: `host: %ASA-…` is its device id, which the header parser reads as a tag.
  if (e['observer.hostname'] === undefined && header?.hostname === undefined && header?.appname !== undefined) e['observer.hostname'] = header.appname;
  const parse = PARSERS.get(id);
  const reason = parse === undefined ? fromTo(e, body) : parse(e, body, ctx.sensor, id);
  if (reason !== undefined) return `cisco-asa: ${id}: ${reason}`;
  return finish(e);
}

/**
 * Text before the tag: a device timestamp (`Jan 24 2026 11:28:30`, or ISO with `logging timestamp
 * rfc5424`) and the device name, used when the syslog header carried neither.
 */
function readPrefix(e: VaernEvent, prefix: string, header: SyslogHeader | undefined, ctx: DecodeContext): void {
  const p = prefix.replace(/[:\s]+$/, '');
  if (p === '') return;
  let rest = p;
  if (header?.timestamp === undefined) {
    const m = ASA_DATE.exec(p);
    if (m !== null) {
      const year = m[3] === undefined ? new Date(ctx.receivedAt).getUTCFullYear() : Number(m[3]);
      const t = wallClock(year, monthIndex(m[1]!), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0), 0);
      if (!Number.isNaN(t)) e['@timestamp'] = t;
      rest = p.slice(m.index + m[0].length);
    } else {
      const iso = parseIsoTime(p, 0, 0);
      if (!Number.isNaN(iso.time)) {
        e['@timestamp'] = iso.time;
        rest = p.slice(iso.end);
      }
    }
  }
  const host = rest.replace(/^[\s:]+|[\s:]+$/g, '');
  if (host !== '' && header?.hostname === undefined && /^[\w.-]{1,64}$/.test(host)) e['observer.hostname'] = host;
}

const ASA_DATE = /(?:^|\s)(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2})(?: (\d{4}))? (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?(?: [A-Z]{3,4})?/;

/** Fills the event from a message body; returns a reason when the body is unusable. */
type Parser = (e: VaernEvent, body: string, sensor: string, id: string) => string | undefined;

/** `iface:address[/port]`: interface names never hold a colon, IPv6 addresses do. */
const SIDE = String.raw`([^\s:]+):([^\s/()]+)(?:/(\d+))?`;
const HOST_PORT = String.raw`([^\s/()]+)/(\d+)`;

function ingress(e: VaernEvent, name: string | undefined): void {
  if (name !== undefined && name !== '') e['observer.ingress.interface.name'] = name;
}
function egress(e: VaernEvent, name: string | undefined): void {
  if (name !== undefined && name !== '') e['observer.egress.interface.name'] = name;
}
function direction(e: VaernEvent, word: string | undefined): void {
  const w = word?.toLowerCase();
  if (w === 'inbound' || w === 'outbound') e['network.direction'] = w;
}
/** A verdict on a packet: connection category plus allowed/denied and the vendor's word. */
function verdict(e: VaernEvent, word: string): void {
  e['event.type'] = ['connection'];
  setAction(e, word);
}

// 106001 Inbound TCP connection denied from IP/port to IP/port flags SYN on interface outside
const R106001 = new RegExp(String.raw`^(Inbound|Outbound) (\S+) connection denied from ${HOST_PORT} to ${HOST_PORT}(?: flags (.*?))? on interface (\S+)`);
// 106006/106007 Deny inbound UDP from IP/port to IP/port on interface X | due to DNS Query
const R106006 = new RegExp(String.raw`^Deny (inbound|outbound) (\S+) from ${HOST_PORT} to ${HOST_PORT}(?: on interface (\S+)| due to (.*))?`);
// 106010/106014/106023 Deny [inbound] {proto|protocol N} src if:ip[/port] [(user)] dst if:ip[/port] [(type t, code c)] [by access-group "acl"]
const RSRCDST = new RegExp(String.raw`^Deny (?:(inbound|outbound) )?(?:protocol (\d+)|(\S+)) src ${SIDE}\s*(?:\(([^)]*)\)\s*)?dst ${SIDE}\s*(?:\(([^)]*)\)\s*)?(?:\(type (\d+), code (\d+)\))?(?:.*?by access-group "([^"]*)")?`);
// 106015 Deny TCP (no connection) from IP/port to IP/port flags RST on interface X
const R106015 = new RegExp(String.raw`^Deny (\S+) \(no connection\) from ${HOST_PORT} to ${HOST_PORT}(?: flags (.*?))? on interface (\S+)`);
// 106021 Deny TCP reverse path check from IP to IP on interface X
const R106021 = /^Deny (\S+) reverse path check from (\S+) to (\S+) on interface (\S+)/;
// 106100 access-list acl permitted tcp if/ip(port) [(user)] -> if/ip(port) [(user)] hit-cnt 1 first hit [..]
const R106100 = /^access-list (\S+) (permitted|denied|est-allowed) (\S+) ([^\s/]+)\/([^\s(]+)\((\d+)\)\s*(?:\(([^)]*)\)\s*)?-> ([^\s/]+)\/([^\s(]+)\((\d+)\)(?:.*?hit-cnt (\d+))?/;

const DENY_PARSERS: [string, Parser][] = [
  ['106001', (e, b) => {
    const m = R106001.exec(b);
    if (m === null) return 'unrecognised 106001 text';
    direction(e, m[1]);
    setProtocol(e, m[2]!);
    setSource(e, m[3], m[4]);
    setDestination(e, m[5], m[6]);
    ingress(e, m[8]);
    verdict(e, 'denied');
    return undefined;
  }],
  ['106006', parse106006],
  ['106007', parse106006],
  ['106010', parseSrcDst],
  ['106014', parseSrcDst],
  ['106023', parseSrcDst],
  ['106015', (e, b) => {
    const m = R106015.exec(b);
    if (m === null) return 'unrecognised 106015 text';
    setProtocol(e, m[1]!);
    setSource(e, m[2], m[3]);
    setDestination(e, m[4], m[5]);
    ingress(e, m[7]);
    e['event.reason'] = 'no connection';
    verdict(e, 'deny');
    return undefined;
  }],
  ['106021', (e, b) => {
    const m = R106021.exec(b);
    if (m === null) return 'unrecognised 106021 text';
    setProtocol(e, m[1]!);
    setSource(e, m[2]);
    setDestination(e, m[3]);
    ingress(e, m[4]);
    e['event.reason'] = 'reverse path check';
    verdict(e, 'deny');
    return undefined;
  }],
  ['106100', (e, b) => {
    const m = R106100.exec(b);
    if (m === null) return 'unrecognised 106100 text';
    e['rule.name'] = m[1]!;
    setProtocol(e, m[3]!);
    ingress(e, m[4]);
    setSource(e, m[5], m[6]);
    setUserFromIdfw(e, m[7]);
    egress(e, m[8]);
    setDestination(e, m[9], m[10]);
    verdict(e, m[2] === 'est-allowed' ? 'permitted' : m[2]!);
    e['vaern.vendor_action'] = m[2]!;
    return undefined;
  }],
];

function parse106006(e: VaernEvent, b: string): string | undefined {
  const m = R106006.exec(b);
  if (m === null) return 'unrecognised Deny text';
  direction(e, m[1]);
  setProtocol(e, m[2]!);
  setSource(e, m[3], m[4]);
  setDestination(e, m[5], m[6]);
  ingress(e, m[7]);
  if (m[8] !== undefined) e['event.reason'] = `due to ${m[8].replace(/\.$/, '')}`;
  verdict(e, 'deny');
  return undefined;
}

function parseSrcDst(e: VaernEvent, b: string): string | undefined {
  const m = RSRCDST.exec(b);
  if (m === null) return 'unrecognised Deny src/dst text';
  direction(e, m[1]);
  setProtocol(e, m[2] ?? m[3]!);
  ingress(e, m[4]);
  setSource(e, m[5], m[6]);
  setUserFromIdfw(e, m[7]);
  egress(e, m[8]);
  setDestination(e, m[9], m[10]);
  if (m[14] !== undefined) e['rule.name'] = m[14];
  verdict(e, 'deny');
  return undefined;
}

/** `(LOCAL\bob)`, `(DOM\bob, 12:Employees)`, `(FQDN)`: the identity-firewall user, when it is one. */
function setUserFromIdfw(e: VaernEvent, text: string | undefined): void {
  if (text === undefined) return;
  const user = text.split(',')[0]!.trim();
  if (user === '' || /^\d/.test(user) || user.indexOf('\\') < 0) return;
  const slash = user.lastIndexOf('\\');
  const domain = user.slice(0, slash);
  if (domain !== '' && domain !== 'LOCAL') e['user.domain'] = domain;
  setUser(e, user.slice(slash + 1));
}

// 302013/302015/302017/302303 Built {in|out}bound TCP connection 123 for if:ip/port (mip/mport) [(user)] to if:ip/port (mip/mport) [(user)]
const RBUILT = new RegExp(String.raw`^Built (inbound|outbound) (\S+) connection (\d+) for ${SIDE} \(([^\s/)]+)(?:/(\d+))?\)\s*(?:\(([^)]*)\)\s*)?to ${SIDE} \(([^\s/)]+)(?:/(\d+))?\)\s*(?:\(([^)]*)\))?`);
// 302014/302016/302018/302304 Teardown TCP connection 123 for if:ip/port [(user)] to if:ip/port [(user)] duration h:mm:ss bytes N [reason] [(user)]
const RTEARDOWN = new RegExp(String.raw`^Teardown (\S+) connection (\d+) for ${SIDE}\s*(?:\(([^)]*)\)\s*)?to ${SIDE}\s*(?:\(([^)]*)\)\s*)?(?:duration (\d+):(\d\d):(\d\d) bytes (\d+)\s*(.*))?`);
// 302020/302021 Built inbound ICMP connection for faddr ip/seq [(user)] gaddr ip/type laddr ip/type [(user)] [type t code c]
const RICMP = /^(Built|Teardown) (?:(inbound|outbound) )?(\S+) connection for faddr ([^\s/]+)\/\d+\s*(?:\([^)]*\)\s*)?gaddr ([^\s/]+)\/\d+ laddr ([^\s/]+)\/\d+\s*(?:\(([^)]*)\)\s*)?(?:type (\d+) code (\d+))?/;

/** Direction of connections seen Built, per sensor and connection id, for their Teardown. */
const DIRECTIONS = new Map<string, boolean>();
const DIRECTIONS_MAX = 100_000;

function remember(key: string, inbound: boolean): void {
  if (DIRECTIONS.size >= DIRECTIONS_MAX) {
    // Drop the oldest tenth: Map iterates in insertion order.
    let n = DIRECTIONS_MAX / 10;
    for (const k of DIRECTIONS.keys()) {
      DIRECTIONS.delete(k);
      if (--n <= 0) break;
    }
  }
  DIRECTIONS.set(key, inbound);
}

interface Side {
  iface: string | undefined;
  ip: string | undefined;
  port: string | undefined;
  mappedIp?: string | undefined;
  mappedPort?: string | undefined;
  user?: string | undefined;
}

/** Source = initiator. `first` is the side the message names first (after `for`). */
function setSides(e: VaernEvent, first: Side, second: Side, inbound: boolean): void {
  const src = inbound ? first : second;
  const dst = inbound ? second : first;
  ingress(e, src.iface);
  egress(e, dst.iface);
  setSource(e, src.ip, src.port);
  setDestination(e, dst.ip, dst.port);
  const sNat = src.mappedIp === undefined ? undefined : canonicalIp(src.mappedIp);
  if (sNat !== undefined) {
    e['source.nat.ip'] = sNat;
    const p = src.mappedPort === undefined ? undefined : parseUint(src.mappedPort);
    if (p !== undefined && p <= 65535) e['source.nat.port'] = p;
  }
  const dNat = dst.mappedIp === undefined ? undefined : canonicalIp(dst.mappedIp);
  if (dNat !== undefined) {
    e['destination.nat.ip'] = dNat;
    const p = dst.mappedPort === undefined ? undefined : parseUint(dst.mappedPort);
    if (p !== undefined && p <= 65535) e['destination.nat.port'] = p;
  }
  setUserFromIdfw(e, src.user);
}

function parseBuilt(e: VaernEvent, b: string, sensor: string): string | undefined {
  const m = RBUILT.exec(b);
  if (m === null) return 'unrecognised Built text';
  const inbound = m[1] === 'inbound';
  direction(e, m[1]);
  setProtocol(e, m[2]!);
  e['event.id'] = m[3]!;
  remember(`${sensor}|${m[3]!}`, inbound);
  setSides(e,
    { iface: m[4], ip: m[5], port: m[6], mappedIp: m[7], mappedPort: m[8], user: m[9] },
    { iface: m[10], ip: m[11], port: m[12], mappedIp: m[13], mappedPort: m[14], user: m[15] }, inbound);
  e['event.type'] = ['connection', 'start'];
  setAction(e, 'built');
  return undefined;
}

function parseTeardown(e: VaernEvent, b: string, sensor: string): string | undefined {
  const m = RTEARDOWN.exec(b);
  if (m === null) return 'unrecognised Teardown text';
  setProtocol(e, m[1]!);
  e['event.id'] = m[2]!;
  const key = `${sensor}|${m[2]!}`;
  const inbound = DIRECTIONS.get(key);
  DIRECTIONS.delete(key);
  if (inbound !== undefined) direction(e, inbound ? 'inbound' : 'outbound');
  setSides(e, { iface: m[3], ip: m[4], port: m[5], user: m[6] }, { iface: m[7], ip: m[8], port: m[9], user: m[10] }, inbound === true);
  if (m[11] !== undefined) {
    e['event.duration'] = ((Number(m[11]) * 60 + Number(m[12])) * 60 + Number(m[13])) * 1e9;
    const bytes = parseUint(m[14]!);
    if (bytes !== undefined) e['network.bytes'] = bytes;
    const rest = m[15]!.replace(/\s*\([^)]*\)\s*$/, '').trim();
    if (rest !== '') e['event.reason'] = rest;
  }
  e['event.type'] = ['connection', 'end'];
  setAction(e, 'teardown');
  return undefined;
}

function parseIcmp(e: VaernEvent, b: string): string | undefined {
  const m = RICMP.exec(b);
  if (m === null) return 'unrecognised ICMP connection text';
  const inbound = m[2] === 'inbound';
  direction(e, m[2]);
  setProtocol(e, m[3]!);
  const foreign = { iface: undefined, ip: m[4], port: undefined };
  const local = { iface: undefined, ip: m[6], port: undefined, mappedIp: m[5], user: m[7] };
  setSides(e, foreign, local, inbound);
  const built = m[1] === 'Built';
  e['event.type'] = ['connection', built ? 'start' : 'end'];
  setAction(e, built ? 'built' : 'teardown');
  return undefined;
}

// 710001-710006 TCP access requested|permitted|denied by ACL from ip/port to if:ip/service
const R710 = /^(\S+) (?:access|request) (requested|permitted|denied by ACL|discarded) from ([^\s/]+)\/(\d+) to ([^\s:]+):([^\s/]+)\/(\S+)/;
function parse710(e: VaernEvent, b: string): string | undefined {
  const m = R710.exec(b);
  if (m === null) return 'unrecognised 710xxx text';
  setProtocol(e, m[1]!);
  setSource(e, m[3], m[4]);
  egress(e, m[5]);
  setDestination(e, m[6], m[7]);
  const word = m[2]!;
  e['event.type'] = ['connection'];
  if (word === 'requested') e['vaern.vendor_action'] = word;
  else setAction(e, word === 'denied by ACL' ? 'denied' : word);
  return undefined;
}

// 733100 [ obj] drop rate-1 exceeded. Current burst rate is N per second, max configured rate is N; Current average rate is N per second, …
const R733100 = /^\[\s*([^\]]*?)\s*\] drop (rate-\d+) exceeded\. Current burst rate is (-?\d+) per second.*?Current average rate is (-?\d+)/;
// 733101 {Host|Subnet} addr is {targeted|attacking}. Current burst rate is …
const R733101 = /^(?:Host|Subnet) (\S+) is (targeted|attacking)\./;
function parseThreat(e: VaernEvent, b: string, _s: string, id: string): string | undefined {
  setAlert(e);
  e['event.type'] = ['info'];
  if (id === '733100') {
    const m = R733100.exec(b);
    if (m === null) return 'unrecognised 733100 text';
    const ip = canonicalIp(m[1]!);
    if (ip !== undefined) e['source.ip'] = ip;
    else e['rule.name'] = m[1]!;
    e['event.reason'] = `drop ${m[2]!} exceeded`;
    return undefined;
  }
  const m = R733101.exec(b);
  if (m === null) return 'unrecognised 733101 text';
  const addr = m[1]!.split('/')[0]!;
  if (m[2] === 'attacking') setSource(e, addr);
  else setDestination(e, addr);
  e['event.reason'] = m[2] === 'attacking' ? 'host is attacking' : 'host is targeted';
  return undefined;
}

/** AAA fields: `server = 10.1.1.1 : user = bob : user IP = 203.0.113.5`, `reason = …`. */
const AAA_FIELD = /(?:^|:)\s*(server|user|user IP|reason|Username|IP)\s*=\s*([^:,]*?)\s*(?=:|,|$)/g;
function parseAaa(e: VaernEvent, b: string, _s: string, id: string): string | undefined {
  let user: string | undefined;
  for (const m of b.matchAll(AAA_FIELD)) {
    const v = m[2]!;
    if (m[1] === 'user' || m[1] === 'Username') user = v;
    else if (m[1] === 'user IP' || m[1] === 'IP') setSource(e, v);
    else if (m[1] === 'server') setDestination(e, v);
    else if (m[1] === 'reason') e['event.reason'] = v;
  }
  // ASA masks rejected user names as ***** unless `no logging hide username`.
  if (user !== undefined && !/^\*+$/.test(user)) setUser(e, user);
  const action: AuthAction = id === '113004' || id === '113012' ? 'logged-in' : 'login-failed';
  setAuth(e, action);
  e['vaern.vendor_action'] = action === 'logged-in' ? 'authentication-successful' : 'authentication-rejected';
  return undefined;
}

/**
 * VPN session messages (113019, 113039, 716xxx, 722xxx) start with the session's identity:
 * `Group = g, Username = u, IP = ip,` or `Group <g> User <u> IP <ip>` (brackets optional).
 */
const VPN_ID = /^(?:TunnelGroup <[^>]*> GroupPolicy <([^>]*)>|Group\s*(?:=\s*([^,]*),|<([^>]*)>|(\S+)))\s*(?:User(?:name)?\s*(?:=\s*([^,]*),|<([^>]*)>|(\S+)))\s*IP\s*(?:=\s*([^,]*),|<([^>]*)>|(\S+))\s*(.*)$/;
const VPN_ACTIONS = new Map<string, [AuthAction, string]>([
  ['113019', ['logged-out', 'session-disconnected']],
  ['113039', ['logged-in', 'anyconnect-session-started']],
  ['716001', ['logged-in', 'webvpn-session-started']],
  ['716002', ['logged-out', 'webvpn-session-terminated']],
  ['716038', ['logged-in', 'authentication-successful']],
  ['716039', ['login-failed', 'authentication-rejected']],
  ['722022', ['logged-in', 'svc-connection-established']],
  ['722023', ['logged-out', 'svc-connection-terminated']],
  ['722028', ['logged-out', 'stale-svc-connection-closed']],
  ['722037', ['logged-out', 'svc-closing-connection']],
]);
const ASSIGNED = /IPv4 Address <([^>]*)>|IPv6 address <([^>]*)>/g;
const DURATION = /Duration: (?:(\d+)d\s*)?(\d+)h:(\d+)m:(\d+)s/;
function parseVpn(e: VaernEvent, b: string, _s: string, id: string): string | undefined {
  const m = VPN_ID.exec(b);
  if (m === null) {
    // 716039 also comes as `Authentication: rejected, group = g user = u, Session Type: WebVPN`.
    const alt = /group = ([^ ,]*) user = ([^ ,]*)/.exec(b);
    if (alt === null) return 'unrecognised VPN session text';
    setUser(e, alt[2]);
  } else {
    setUser(e, m[5] ?? m[6] ?? m[7]);
    setSource(e, (m[8] ?? m[9] ?? m[10])?.trim());
  }
  const rest = m?.[11] ?? b;
  if (id === '722051') {
    e['event.category'] = ['network', 'session'];
    e['event.type'] = ['info'];
    e['vaern.vendor_action'] = 'address-assigned';
    for (const a of rest.matchAll(ASSIGNED)) {
      const ip = canonicalIp(a[1] ?? a[2] ?? '');
      if (ip !== undefined && e['vaern.assigned_ip'] === undefined) e['vaern.assigned_ip'] = ip;
    }
    return undefined;
  }
  const [action, word] = VPN_ACTIONS.get(id)!;
  // 716039 and 113019 say the verdict in the text; the id alone does not decide it.
  setAuth(e, id === '716038' && /rejected/i.test(rest) ? 'login-failed' : action);
  e['vaern.vendor_action'] = word;
  const reason = /(?:Reason|terminated|closing connection):\s*([^,]*?)\.?$/.exec(rest);
  if (reason !== null && reason[1] !== '') e['event.reason'] = reason[1]!;
  if (id === '113019') {
    const d = DURATION.exec(rest);
    if (d !== null) e['event.duration'] = (((Number(d[1] ?? 0) * 24 + Number(d[2])) * 60 + Number(d[3])) * 60 + Number(d[4])) * 1e9;
    const xmt = /Bytes xmt: (\d+)/.exec(rest);
    const rcv = /Bytes rcv: (\d+)/.exec(rest);
    // xmt is what the ASA sent to the client (the destination side of the client's session).
    setCounters(e, rcv === null ? undefined : parseUint(rcv[1]!), xmt === null ? undefined : parseUint(xmt[1]!));
  }
  return undefined;
}

// 605004/605005 Login {denied|permitted} from ip/port to if:ip/service for user "name"
const R605 = /^Login (denied|permitted) from ([^\s/]+)\/(\d+) to ([^\s:]+):([^\s/]+)\/(\S+) for user "([^"]*)"/;
function parseMgmtLogin(e: VaernEvent, b: string): string | undefined {
  const m = R605.exec(b);
  if (m === null) return 'unrecognised management login text';
  setSource(e, m[2], m[3]);
  egress(e, m[4]);
  setDestination(e, m[5]);
  e['network.protocol'] = m[6]!.toLowerCase();
  setUser(e, m[7]);
  setAuth(e, m[1] === 'permitted' ? 'logged-in' : 'login-failed');
  e['vaern.vendor_action'] = `login-${m[1]!}`;
  return undefined;
}

// 611101/611102 User authentication {succeeded|failed}: IP address: ip, Uname: user; 611103 User logged out: Uname: user
const R611 = /^User (?:authentication (succeeded|failed)|(logged out)): (?:IP address: ([^,]*), )?Uname: (\S+)/;
function parseMgmtAuth(e: VaernEvent, b: string): string | undefined {
  const m = R611.exec(b);
  if (m === null) return 'unrecognised management authentication text';
  setSource(e, m[3]);
  setUser(e, m[4]);
  setAuth(e, m[2] !== undefined ? 'logged-out' : m[1] === 'succeeded' ? 'logged-in' : 'login-failed');
  e['vaern.vendor_action'] = m[2] !== undefined ? 'logged-out' : `authentication-${m[1]!}`;
  return undefined;
}

// 109005/109006 Authentication {succeeded|failed} for user 'u' from ip/port to ip/port on interface X (cut-through proxy)
const R109 = /^Authentication (succeeded|failed) for user '([^']*)' from ([^\s/]+)\/(\d+) to ([^\s/]+)\/(\d+) on interface (\S+)/;
function parseCutThrough(e: VaernEvent, b: string): string | undefined {
  const m = R109.exec(b);
  if (m === null) return 'unrecognised cut-through authentication text';
  setUser(e, m[2]);
  setSource(e, m[3], m[4]);
  setDestination(e, m[5], m[6]);
  ingress(e, m[7]);
  setAuth(e, m[1] === 'succeeded' ? 'logged-in' : 'login-failed');
  e['vaern.vendor_action'] = `authentication-${m[1]!}`;
  return undefined;
}

// 304001 10.1.1.1(DOMAIN\user) Accessed URL 10.2.2.2:http://example.org/
const R304 = /^(\S+?)(?:\(([^)]*)\))? Accessed (?:URL|JAVA URL) ([^\s:]+):(\S+)/;
function parseUrl(e: VaernEvent, b: string): string | undefined {
  const m = R304.exec(b);
  if (m === null) return 'unrecognised 304001 text';
  setSource(e, m[1]);
  if (m[2] !== undefined) setUser(e, m[2]);
  setDestination(e, m[3]);
  e['url.path'] = m[4]!;
  e['event.type'] = ['connection'];
  return undefined;
}

// 111008/111010 User 'admin' executed the 'write memory' command. / made a change.
const R111 = /^User '([^']*)'(?:, running '[^']*' from IP ([^\s,]+),)? executed/;
function parseConfig(e: VaernEvent, b: string): string | undefined {
  const m = R111.exec(b);
  if (m === null) return 'unrecognised 111xxx text';
  setUser(e, m[1]);
  setSource(e, m[2]);
  e['event.category'] = ['configuration'];
  e['event.type'] = ['change'];
  return undefined;
}

/** IKE / IPsec (713xxx, 715xxx, 602xxx…): `Group = g, Username = u, IP = ip, …` names the peer. */
const IKE_ID = /^Group = ([^,]*), (?:Username = ([^,]*), )?IP = ([^,\s]+),/;
function parseIke(e: VaernEvent, b: string): string | undefined {
  const m = IKE_ID.exec(b);
  if (m === null) return fromTo(e, b);
  setUser(e, m[2]);
  setSource(e, m[3]);
  if (/User Authentication Failed|Authentication failed/i.test(b)) {
    setAuth(e, 'login-failed');
    e['vaern.vendor_action'] = 'ike-authentication-failed';
  }
  return undefined;
}

/**
 * FTD connection and intrusion events (430001-430005): `Key: value, Key: value, …`.
 * Values never hold `, ` followed by a capitalised key, which is what the split relies on.
 */
const FTD_PAIR = /(?:^|, )([A-Za-z][A-Za-z ]*?): (.*?)(?=, [A-Za-z][A-Za-z ]*?: |$)/g;
function parseFtdEvent(e: VaernEvent, b: string, _s: string, id: string): string | undefined {
  let ib: number | undefined;
  let rb: number | undefined;
  let ip: number | undefined;
  let rp: number | undefined;
  let action = '';
  for (const m of b.matchAll(FTD_PAIR)) {
    const v = m[2]!.trim();
    if (v === '') continue;
    switch (m[1]) {
      case 'SrcIP': setSource(e, v); break;
      case 'DstIP': setDestination(e, v); break;
      case 'SrcPort': { const p = parseUint(v); if (p !== undefined && p <= 65535) e['source.port'] = p; break; }
      case 'DstPort': { const p = parseUint(v); if (p !== undefined && p <= 65535) e['destination.port'] = p; break; }
      case 'Protocol': setProtocol(e, v); break;
      case 'IngressInterface': ingress(e, v); break;
      case 'EgressInterface': egress(e, v); break;
      case 'IngressZone': e['observer.ingress.zone'] = v; break;
      case 'EgressZone': e['observer.egress.zone'] = v; break;
      case 'AccessControlRuleName': e['rule.name'] = v; break;
      case 'ACPolicy': e['rule.ruleset'] = v; break;
      case 'AccessControlRuleAction': action = v; break;
      case 'ConnectionID': e['event.id'] = v; break;
      case 'User': setUser(e, v.replace(/^No Authentication Required$|^Not Found$/, '')); break;
      case 'ApplicationProtocol': e['network.protocol'] = v.toLowerCase(); break;
      case 'Client': case 'WebApplication': if (e['network.application'] === undefined) e['network.application'] = v; break;
      case 'InitiatorBytes': ib = parseUint(v); break;
      case 'ResponderBytes': rb = parseUint(v); break;
      case 'InitiatorPackets': ip = parseUint(v); break;
      case 'ResponderPackets': rp = parseUint(v); break;
      case 'URL': e['url.path'] = v; break;
      case 'DNSQuery': e['dns.question.name'] = v; break;
      case 'Message': e['event.reason'] = v; break;
      case 'SignatureID': e['rule.id'] = v; break;
      case 'InlineResult': if (action === '') action = v; break;
      default: break;
    }
  }
  setCounters(e, ib, rb, ip, rp);
  if (id === '430001') setAlert(e);
  e['event.type'] = id === '430002' ? ['connection', 'start'] : id === '430003' ? ['connection', 'end'] : ['connection'];
  if (action !== '') setAction(e, action.toLowerCase() === 'would block' ? 'alert' : action);
  return e['source.ip'] === undefined && e['destination.ip'] === undefined ? 'no SrcIP/DstIP' : undefined;
}

// 313001/313004/313008 Denied ICMP type=3, code=3 from 10.2.3.5 on interface Outside
const R313 = /^Denied (\S+) type=(\d+), code=(\d+) from (\S+) on interface (\S+)/;
function parse313(e: VaernEvent, b: string): string | undefined {
  const m = R313.exec(b);
  if (m === null) return 'unrecognised 313xxx text';
  setProtocol(e, m[1]!);
  setSource(e, m[4]);
  ingress(e, m[5]);
  verdict(e, 'denied');
  e['vaern.vendor_action'] = 'Denied';
  return undefined;
}

/**
 * Any other message: addresses of a `from [if:]ip[/port] [(user= u)] to [if:]ip[/port]` clause,
 * the protocol named before it, a leading verdict word and a trailing `reason: …`.
 */
const FROM_TO = /\bfrom (?:([^\s:/]+):)?([0-9a-fA-F.:]+)(?:\/(\d+))?(?: \(user= ?([^)]*)\))?,? to (?:([^\s:/]+):)?([0-9a-fA-F.:]+)(?:\/(\d+))?/;
const PROTO_WORD = /\b(TCP|UDP|ICMP|ICMPv6|GRE|ESP|AH|SCTP|tcp|udp|icmp|gre|esp)\b/;
function fromTo(e: VaernEvent, b: string): undefined {
  const m = FROM_TO.exec(b);
  if (m === null) return undefined;
  const proto = PROTO_WORD.exec(b);
  if (proto !== null && proto.index < m.index + 40) setProtocol(e, proto[1]!);
  const reason = /, reason: (.*)$/.exec(b);
  if (reason !== null) e['event.reason'] = reason[1]!;
  setUser(e, m[4]);
  // A sentence may end right after the address: `… to 10.1.1.1.`
  const src = canonicalIp(m[2]!.replace(/\.$/, ''));
  const dst = canonicalIp(m[6]!.replace(/\.$/, ''));
  if (src === undefined || dst === undefined) return undefined;
  setSource(e, src, m[3]);
  setDestination(e, dst, m[7]);
  ingress(e, m[1]);
  egress(e, m[5]);
  const word = /^(Deny|Denied|Dropping|Drop|Discard|Permitted)\b/.exec(b);
  if (word !== null) {
    verdict(e, word[1] === 'Dropping' ? 'drop' : word[1]!);
    e['vaern.vendor_action'] = word[1]!;
  }
  return undefined;
}

const PARSERS = new Map<string, Parser>([
  ...DENY_PARSERS,
  ...['302013', '302015', '302017', '302303'].map((id): [string, Parser] => [id, parseBuilt]),
  ...['302014', '302016', '302018', '302304'].map((id): [string, Parser] => [id, parseTeardown]),
  ['302020', parseIcmp],
  ['302021', parseIcmp],
  ...['710001', '710002', '710003', '710005', '710006'].map((id): [string, Parser] => [id, parse710]),
  ['313001', parse313],
  ['313004', parse313],
  ['313008', parse313],
  ['733100', parseThreat],
  ['733101', parseThreat],
  ...['113004', '113005', '113012', '113015'].map((id): [string, Parser] => [id, parseAaa]),
  ...[...VPN_ACTIONS.keys(), '722051'].map((id): [string, Parser] => [id, parseVpn]),
  ['605004', parseMgmtLogin],
  ['605005', parseMgmtLogin],
  ['611101', parseMgmtAuth],
  ['611102', parseMgmtAuth],
  ['611103', parseMgmtAuth],
  ['109005', parseCutThrough],
  ['109006', parseCutThrough],
  ['304001', parseUrl],
  ['111008', parseConfig],
  ['111010', parseConfig],
  ...['713172', '713198', '713228', '713050', '713049', '713120', '713119', '713201'].map((id): [string, Parser] => [id, parseIke]),
  ...['430001', '430002', '430003', '430004', '430005'].map((id): [string, Parser] => [id, parseFtdEvent]),
]);
