import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { parseIsoTime, parseZoneOffset } from '../syslog/timestamp.ts';
import { ecsMac, networkEvent, secondsToNs } from './event-base.ts';
import { kvPairs } from './kv.ts';
import { parsePort, parseUint, setAction, setIp, setProtocol, setRelatedIps } from './normalize.ts';

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
// One scratch array reused across calls: decode is synchronous, so no call can see another's pairs.
const scratch: string[] = [];

export const fortigate: Decoder = {
  format: 'fortigate',
  description: 'Fortinet FortiGate key=value logs (traffic, utm, event incl. VPN logins)',
  sniff(payload) {
    return payload.indexOf('logid=') >= 0 && payload.indexOf('type=') >= 0;
  },
  decode: decodeFortigate,
};

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
  scratch.length = 0;
  const pairs = kvPairs(payload, 0, scratch);
  const e = networkEvent(OBSERVER, header, ctx);
  const x: Extra = {
    date: '', time: '', tz: '', eventtime: '', type: '', subtype: '', action: '', status: '', user: '', remip: '',
    srcip: '', dstip: '', tunneltype: '', sentByte: undefined, rcvdByte: undefined, sentPkt: undefined, rcvdPkt: undefined,
  };
  let known = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1]!;
    if (value === '') continue;
    known += applyPair(e, x, pairs[i]!, value);
  }
  if (known === 0 || x.type === '') return 'fortigate: no FortiGate fields (type=, logid=, devname=)';
  const time = logTime(x);
  if (time !== undefined) e['@timestamp'] = time;

  if (x.srcip !== '' && setIp(e, 'source.ip', x.srcip) === undefined) return `fortigate: bad srcip "${x.srcip.slice(0, 60)}"`;
  if (x.dstip !== '' && setIp(e, 'destination.ip', x.dstip) === undefined) return `fortigate: bad dstip "${x.dstip.slice(0, 60)}"`;
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

/** Maps one pair onto the event or the extras; returns 1 when the key is a FortiGate header key. */
function applyPair(e: VaernEvent, x: Extra, key: string, value: string): number {
  switch (key) {
    case 'date': x.date = value; return 1;
    case 'time': x.time = value; return 0;
    case 'tz': x.tz = value; return 0;
    case 'eventtime': x.eventtime = value; return 0;
    case 'devname': e['observer.hostname'] = value; return 1;
    case 'devid': e['observer.serial_number'] = value; return 1;
    case 'logid': e['event.code'] = value; return 1;
    case 'type': x.type = value; return 0;
    case 'subtype': x.subtype = value; return 0;
    case 'level': e['log.level'] = value; return 0;
    case 'srcip': x.srcip = value; return 0;
    case 'dstip': x.dstip = value; return 0;
    case 'remip': x.remip = value; return 0;
    case 'srcport': setPort(e, 'source.port', value); return 0;
    case 'dstport': setPort(e, 'destination.port', value); return 0;
    case 'srcintf': e['observer.ingress.interface.name'] = value; return 0;
    case 'dstintf': e['observer.egress.interface.name'] = value; return 0;
    case 'proto': setProtocol(e, value); return 0;
    case 'action': x.action = value; return 0;
    case 'status': x.status = value; return 0;
    case 'policyid': e['rule.id'] = value; return 0;
    case 'policyname': e['rule.name'] = value; return 0;
    case 'service': e['network.protocol'] = value.toLowerCase(); return 0;
    case 'app': e['network.application'] = value; return 0;
    case 'transip': setIp(e, 'source.nat.ip', value); return 0;
    case 'transport': setPort(e, 'source.nat.port', value); return 0;
    case 'tranip': setIp(e, 'destination.nat.ip', value); return 0;
    case 'tranport': setPort(e, 'destination.nat.port', value); return 0;
    case 'sentbyte': x.sentByte = parseUint(value); return 0;
    case 'rcvdbyte': x.rcvdByte = parseUint(value); return 0;
    case 'sentpkt': x.sentPkt = parseUint(value); return 0;
    case 'rcvdpkt': x.rcvdPkt = parseUint(value); return 0;
    case 'duration': {
      const ns = secondsToNs(value);
      if (ns !== undefined) e['event.duration'] = ns;
      return 0;
    }
    case 'srcmac': {
      const mac = ecsMac(value);
      if (mac !== undefined) e['source.mac'] = mac;
      return 0;
    }
    case 'dstmac': {
      const mac = ecsMac(value);
      if (mac !== undefined) e['destination.mac'] = mac;
      return 0;
    }
    case 'direction':
      if (value === 'outgoing') e['network.direction'] = 'outbound';
      else if (value === 'incoming') e['network.direction'] = 'inbound';
      return 0;
    case 'user': x.user = value; return 0;
    case 'tunneltype': x.tunneltype = value; return 0;
    case 'msg': e.message = value; return 0;
    case 'logdesc': if (e.message === undefined) e.message = value; return 0;
    case 'reason': e['event.reason'] = value; return 0;
    case 'hostname': e['url.domain'] = value; return 0;
    case 'url': e['url.path'] = value; return 0;
    case 'qname': e['dns.question.name'] = value; return 0;
    case 'qtype': e['dns.question.type'] = value; return 0;
    default: return 0;
  }
}

function setPort(e: VaernEvent, field: 'source.port' | 'destination.port' | 'source.nat.port' | 'destination.nat.port', value: string): void {
  const n = parsePort(value);
  if (n !== undefined) e[field] = n;
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
  if (x.remip !== '' && e['source.ip'] === undefined) setIp(e, 'source.ip', x.remip);
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
