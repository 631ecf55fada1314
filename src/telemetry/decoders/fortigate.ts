import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { parseIsoTime, parseZoneOffset } from '../syslog/timestamp.ts';
import { ecsMac, networkEvent, secondsToNs } from './event-base.ts';
import { KvScanner } from './kv.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol, setRelatedIps } from './normalize.ts';

/**
 * FortiGate (FortiOS 6.x/7.x) key=value logs, per Fortinet's FortiOS Log Message Reference:
 * `date= time= devname= devid= logid= type= subtype= level= vd= eventtime= tz= …`.
 *
 * - `type=traffic`: sessions (srcip/dstip/ports, action, policy, NAT via trandisp, counters).
 * - `type=utm`: security-profile verdicts (webfilter, ips, virus, app-ctrl, dns, …).
 * - `type=event`: system and VPN events; logins (SSL-VPN, admin, FSSO) become `authentication`
 *   events with `event.action` `logged-in` / `login-failed` / `logged-out`.
 */
const OBSERVER = { format: 'fortigate', vendor: 'Fortinet', product: 'FortiGate' } as const;
const ALERT_SUBTYPES = new Set(['ips', 'virus', 'anomaly', 'dlp', 'waf', 'botnet']);
// One scanner reused across calls: decode is synchronous, so no call can see another's line.
const kv = new KvScanner();

export const fortigate: Decoder = {
  format: 'fortigate',
  description: 'Fortinet FortiGate key=value logs (traffic, utm, event incl. VPN logins)',
  sniff(payload) {
    return payload.indexOf('logid=') >= 0 && payload.indexOf('type=') >= 0;
  },
  decode: decodeFortigate,
};

/** Values that decide more than one field, collected while the pairs are read. */
interface Extra {
  date: string;
  time: string;
  tz: string;
  eventtime: string;
  type: string;
  subtype: string;
  action: string;
  status: string;
  user: string;
  remip: string;
  srcip: string;
  dstip: string;
  tunneltype: string;
  sentByte: number | undefined;
  rcvdByte: number | undefined;
  sentPkt: number | undefined;
  rcvdPkt: number | undefined;
}

function decodeFortigate(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const e = networkEvent(OBSERVER, header, ctx);
  const x: Extra = {
    date: '', time: '', tz: '', eventtime: '', type: '', subtype: '', action: '', status: '', user: '', remip: '',
    srcip: '', dstip: '', tunneltype: '', sentByte: undefined, rcvdByte: undefined, sentPkt: undefined, rcvdPkt: undefined,
  };
  kv.reset(payload, 0);
  while (kv.next()) {
    if (kv.valueEnd !== kv.valueStart) readPair(e, x, payload, kv.keyStart, kv.keyEnd - kv.keyStart);
  }
  kv.reset('', 0);
  if (x.type === '' || (e['event.code'] === undefined && e['observer.hostname'] === header?.hostname)) {
    return 'fortigate: no FortiGate fields (type=, logid=, devname=)';
  }
  const time = logTime(x);
  if (time !== undefined) e['@timestamp'] = time;

  if (x.srcip !== '') {
    const ip = canonicalIp(x.srcip);
    if (ip === undefined) return `fortigate: bad srcip "${x.srcip.slice(0, 60)}"`;
    e['source.ip'] = ip;
  }
  if (x.dstip !== '') {
    const ip = canonicalIp(x.dstip);
    if (ip === undefined) return `fortigate: bad dstip "${x.dstip.slice(0, 60)}"`;
    e['destination.ip'] = ip;
  }
  if (x.type === 'traffic' && (x.srcip === '' || x.dstip === '')) return 'fortigate: traffic log without srcip/dstip';
  if (x.user !== '' && x.user !== 'N/A') e['user.name'] = x.user;
  setCounters(e, x);

  if (x.type === 'event') {
    classifyEvent(e, x);
  } else {
    if (x.type === 'utm' && ALERT_SUBTYPES.has(x.subtype)) {
      e['event.kind'] = 'alert';
      e['event.category'] = ['network', 'intrusion_detection'];
    }
    setAction(e, x.action);
  }
  setRelatedIps(e);
  if (e['user.name'] !== undefined) e['related.user'] = [e['user.name']];
  return e;
}

/**
 * What each FortiGate key sets, for the current (non-empty) pair of `kv`. The key is recognised
 * in place, by its length and then its characters, rather than sliced and looked up in a map: a
 * line has about 40 pairs and this decoder uses half of them, so slicing and hashing every key
 * (and slicing every value) was most of the decode time and most of its garbage. Only the values
 * that are kept are sliced. Each branch writes a literal field name (see normalize.ts).
 */
function readPair(e: VaernEvent, x: Extra, s: string, k: number, keyLen: number): void {
  const c = s.charCodeAt(k);
  switch (keyLen) {
    case 2:
      if (s.startsWith('tz', k)) x.tz = kv.value();
      return;
    case 3:
      if (c === 97 /* a */ && s.startsWith('app', k)) e['network.application'] = kv.value();
      else if (c === 109 /* m */ && s.startsWith('msg', k)) e.message = kv.value();
      else if (c === 117 /* u */ && s.startsWith('url', k)) e['url.path'] = kv.value();
      return;
    case 4:
      if (c === 116 /* t */) {
        if (s.startsWith('time', k)) x.time = kv.value();
        else if (s.startsWith('type', k)) x.type = kv.value();
      } else if (s.startsWith('date', k)) x.date = kv.value();
      else if (s.startsWith('user', k)) x.user = kv.value();
      return;
    case 5:
      switch (c) {
        case 115 /* s */:
          if (s.startsWith('srcip', k)) x.srcip = kv.value();
          return;
        case 100 /* d */:
          if (s.startsWith('dstip', k)) x.dstip = kv.value();
          else if (s.startsWith('devid', k)) e['observer.serial_number'] = kv.value();
          return;
        case 108 /* l */:
          if (s.startsWith('logid', k)) e['event.code'] = kv.value();
          else if (s.startsWith('level', k)) e['log.level'] = kv.value();
          return;
        case 113 /* q */:
          if (s.startsWith('qname', k)) e['dns.question.name'] = kv.value();
          else if (s.startsWith('qtype', k)) e['dns.question.type'] = kv.value();
          return;
        default:
          if (s.startsWith('proto', k)) setProtocol(e, kv.value());
          else if (s.startsWith('remip', k)) x.remip = kv.value();
          return;
      }
    case 6:
      switch (c) {
        case 97 /* a */:
          if (s.startsWith('action', k)) x.action = kv.value();
          return;
        case 115 /* s */:
          if (s.startsWith('srcmac', k)) setMac(e, true, kv.value());
          else if (s.startsWith('status', k)) x.status = kv.value();
          return;
        default:
          if (s.startsWith('dstmac', k)) setMac(e, false, kv.value());
          else if (s.startsWith('tranip', k)) setIp(e, false, kv.value());
          else if (s.startsWith('reason', k)) e['event.reason'] = kv.value();
          return;
      }
    case 7:
      switch (c) {
        case 100 /* d */:
          if (s.startsWith('dstport', k)) setPort(e, 'destination.port', kv.value());
          else if (s.startsWith('dstintf', k)) e['observer.egress.interface.name'] = kv.value();
          else if (s.startsWith('devname', k)) e['observer.hostname'] = kv.value();
          return;
        case 115 /* s */:
          if (s.startsWith('srcport', k)) setPort(e, 'source.port', kv.value());
          else if (s.startsWith('srcintf', k)) e['observer.ingress.interface.name'] = kv.value();
          else if (s.startsWith('subtype', k)) x.subtype = kv.value();
          else if (s.startsWith('service', k)) e['network.protocol'] = kv.value().toLowerCase();
          else if (s.startsWith('sentpkt', k)) x.sentPkt = parseUint(kv.value());
          return;
        default:
          if (s.startsWith('transip', k)) setIp(e, true, kv.value());
          else if (s.startsWith('rcvdpkt', k)) x.rcvdPkt = parseUint(kv.value());
          else if (s.startsWith('logdesc', k) && e.message === undefined) e.message = kv.value();
          return;
      }
    case 8:
      switch (c) {
        case 112 /* p */:
          if (s.startsWith('policyid', k)) e['rule.id'] = kv.value();
          return;
        case 115 /* s */:
          if (s.startsWith('sentbyte', k)) x.sentByte = parseUint(kv.value());
          return;
        case 114 /* r */:
          if (s.startsWith('rcvdbyte', k)) x.rcvdByte = parseUint(kv.value());
          return;
        default:
          if (s.startsWith('duration', k)) setDuration(e, kv.value());
          else if (s.startsWith('tranport', k)) setPort(e, 'destination.nat.port', kv.value());
          else if (s.startsWith('hostname', k)) e['url.domain'] = kv.value();
          return;
      }
    case 9:
      if (c === 101 /* e */ && s.startsWith('eventtime', k)) x.eventtime = kv.value();
      else if (c === 116 /* t */ && s.startsWith('transport', k)) setPort(e, 'source.nat.port', kv.value());
      else if (c === 100 /* d */ && s.startsWith('direction', k)) setDirection(e, kv.value());
      return;
    case 10:
      if (c === 112 /* p */ && s.startsWith('policyname', k)) e['rule.name'] = kv.value();
      else if (c === 116 /* t */ && s.startsWith('tunneltype', k)) x.tunneltype = kv.value();
      return;
    default:
  }
}

type PortField = 'source.port' | 'destination.port' | 'source.nat.port' | 'destination.nat.port';

function setPort(e: VaernEvent, field: PortField, v: string): void {
  const n = parsePort(v);
  if (n === undefined) return;
  // One literal write per field (see normalize.ts): a computed `e[field]` would slow every event.
  if (field === 'source.port') e['source.port'] = n;
  else if (field === 'destination.port') e['destination.port'] = n;
  else if (field === 'source.nat.port') e['source.nat.port'] = n;
  else e['destination.nat.port'] = n;
}

/** `transip` (source NAT) or `tranip` (destination NAT). */
function setIp(e: VaernEvent, source: boolean, v: string): void {
  const ip = canonicalIp(v);
  if (ip === undefined) return;
  if (source) e['source.nat.ip'] = ip;
  else e['destination.nat.ip'] = ip;
}

function setMac(e: VaernEvent, source: boolean, v: string): void {
  const mac = ecsMac(v);
  if (mac === undefined) return;
  if (source) e['source.mac'] = mac;
  else e['destination.mac'] = mac;
}

function setDuration(e: VaernEvent, v: string): void {
  const ns = secondsToNs(v);
  if (ns !== undefined) e['event.duration'] = ns;
}

function setDirection(e: VaernEvent, v: string): void {
  if (v === 'outgoing') e['network.direction'] = 'outbound';
  else if (v === 'incoming') e['network.direction'] = 'inbound';
}

/**
 * `date`+`time` in the logged `tz` when there is one; otherwise `eventtime` (epoch in s, ms, µs
 * or ns by its length), which is zone-free; otherwise `date`+`time` read as UTC.
 */
function logTime(x: Extra): number | undefined {
  const wall = x.date !== '' && x.time !== '' ? `${x.date}T${x.time}` : '';
  const offset = x.tz === '' ? undefined : parseZoneOffset(x.tz);
  if (wall !== '' && offset !== undefined) {
    const t = parseIsoTime(wall, 0, offset).time;
    if (!Number.isNaN(t)) return t;
  }
  const len = x.eventtime.length;
  // The leading 13 digits of an epoch in ms, µs or ns are the milliseconds.
  const epoch = len === 10 ? (parseUint(x.eventtime) ?? NaN) * 1000 : len === 13 || len === 16 || len === 19 ? parseUint(x.eventtime.slice(0, 13)) : undefined;
  if (epoch !== undefined && Number.isFinite(epoch)) return epoch;
  if (wall !== '') {
    const t = parseIsoTime(wall, 0, 0).time;
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
}

function setCounters(e: VaernEvent, x: Extra): void {
  if (x.sentByte !== undefined) e['source.bytes'] = x.sentByte;
  if (x.rcvdByte !== undefined) e['destination.bytes'] = x.rcvdByte;
  if (x.sentByte !== undefined || x.rcvdByte !== undefined) e['network.bytes'] = (x.sentByte ?? 0) + (x.rcvdByte ?? 0);
  if (x.sentPkt !== undefined) e['source.packets'] = x.sentPkt;
  if (x.rcvdPkt !== undefined) e['destination.packets'] = x.rcvdPkt;
  if (x.sentPkt !== undefined || x.rcvdPkt !== undefined) e['network.packets'] = (x.sentPkt ?? 0) + (x.rcvdPkt ?? 0);
}

/** `type=event`: logins become authentication events; everything else is informational. */
function classifyEvent(e: VaernEvent, x: Extra): void {
  const auth = authAction(x);
  e['event.type'] = ['info'];
  if (x.action !== '') e['vaern.vendor_action'] = x.action;
  if (auth === undefined) {
    e['event.category'] = x.subtype === 'vpn' ? ['network'] : ['host'];
    return;
  }
  e['event.category'] = ['authentication'];
  e['event.action'] = auth;
  e['event.outcome'] = auth === 'login-failed' ? 'failure' : 'success';
  e['event.type'] = auth === 'logged-out' ? ['end'] : auth === 'logged-in' ? ['start'] : ['info'];
  // SSL-VPN events name the client in remip; srcip there is often absent or the tunnel address.
  const remote = e['source.ip'] === undefined ? canonicalIp(x.remip) : undefined;
  if (remote !== undefined) e['source.ip'] = remote;
}

function authAction(x: Extra): 'logged-in' | 'login-failed' | 'logged-out' | undefined {
  const failed = x.status === 'failed' || x.status === 'failure';
  switch (x.action) {
    case 'ssl-login-fail':
      return 'login-failed';
    case 'tunnel-up':
      return x.tunneltype.startsWith('ssl') ? 'logged-in' : undefined;
    case 'tunnel-down':
      return x.tunneltype.startsWith('ssl') ? 'logged-out' : undefined;
    case 'login':
    case 'auth-logon':
    case 'authentication':
      return failed ? 'login-failed' : x.status === 'success' || x.action === 'auth-logon' ? 'logged-in' : undefined;
    case 'logout':
    case 'auth-logout':
      return 'logged-out';
    default:
      return undefined;
  }
}
