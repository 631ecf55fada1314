import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { parseIsoTime, parseZoneOffset } from '../syslog/timestamp.ts';
import { ecsMac, networkEvent, secondsToNs } from './event-base.ts';
import { kvPairs } from './kv.ts';
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
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1]!;
    if (value === '') continue;
    HANDLERS.get(pairs[i]!)?.(e, x, value);
  }
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

type Handler = (e: VaernEvent, x: Extra, value: string) => void;

/**
 * What each FortiGate key sets. A map lookup rather than a `switch`: the keys are sliced out of
 * the line, so a switch would compare each one against every case in turn.
 */
const HANDLERS = new Map<string, Handler>([
  ['date', (_e, x, v) => { x.date = v; }],
  ['time', (_e, x, v) => { x.time = v; }],
  ['tz', (_e, x, v) => { x.tz = v; }],
  ['eventtime', (_e, x, v) => { x.eventtime = v; }],
  ['devname', (e, _x, v) => { e['observer.hostname'] = v; }],
  ['devid', (e, _x, v) => { e['observer.serial_number'] = v; }],
  ['logid', (e, _x, v) => { e['event.code'] = v; }],
  ['type', (_e, x, v) => { x.type = v; }],
  ['subtype', (_e, x, v) => { x.subtype = v; }],
  ['level', (e, _x, v) => { e['log.level'] = v; }],
  ['srcip', (_e, x, v) => { x.srcip = v; }],
  ['dstip', (_e, x, v) => { x.dstip = v; }],
  ['remip', (_e, x, v) => { x.remip = v; }],
  ['srcport', (e, _x, v) => { const n = parsePort(v); if (n !== undefined) e['source.port'] = n; }],
  ['dstport', (e, _x, v) => { const n = parsePort(v); if (n !== undefined) e['destination.port'] = n; }],
  ['srcintf', (e, _x, v) => { e['observer.ingress.interface.name'] = v; }],
  ['dstintf', (e, _x, v) => { e['observer.egress.interface.name'] = v; }],
  ['proto', (e, _x, v) => setProtocol(e, v)],
  ['action', (_e, x, v) => { x.action = v; }],
  ['status', (_e, x, v) => { x.status = v; }],
  ['policyid', (e, _x, v) => { e['rule.id'] = v; }],
  ['policyname', (e, _x, v) => { e['rule.name'] = v; }],
  ['service', (e, _x, v) => { e['network.protocol'] = v.toLowerCase(); }],
  ['app', (e, _x, v) => { e['network.application'] = v; }],
  ['transip', (e, _x, v) => { const n = canonicalIp(v); if (n !== undefined) e['source.nat.ip'] = n; }],
  ['transport', (e, _x, v) => { const n = parsePort(v); if (n !== undefined) e['source.nat.port'] = n; }],
  ['tranip', (e, _x, v) => { const n = canonicalIp(v); if (n !== undefined) e['destination.nat.ip'] = n; }],
  ['tranport', (e, _x, v) => { const n = parsePort(v); if (n !== undefined) e['destination.nat.port'] = n; }],
  ['sentbyte', (_e, x, v) => { x.sentByte = parseUint(v); }],
  ['rcvdbyte', (_e, x, v) => { x.rcvdByte = parseUint(v); }],
  ['sentpkt', (_e, x, v) => { x.sentPkt = parseUint(v); }],
  ['rcvdpkt', (_e, x, v) => { x.rcvdPkt = parseUint(v); }],
  ['duration', (e, _x, v) => {
    const ns = secondsToNs(v);
    if (ns !== undefined) e['event.duration'] = ns;
  }],
  ['srcmac', (e, _x, v) => {
    const mac = ecsMac(v);
    if (mac !== undefined) e['source.mac'] = mac;
  }],
  ['dstmac', (e, _x, v) => {
    const mac = ecsMac(v);
    if (mac !== undefined) e['destination.mac'] = mac;
  }],
  ['direction', (e, _x, v) => {
    if (v === 'outgoing') e['network.direction'] = 'outbound';
    else if (v === 'incoming') e['network.direction'] = 'inbound';
  }],
  ['user', (_e, x, v) => { x.user = v; }],
  ['tunneltype', (_e, x, v) => { x.tunneltype = v; }],
  ['msg', (e, _x, v) => { e.message = v; }],
  ['logdesc', (e, _x, v) => { if (e.message === undefined) e.message = v; }],
  ['reason', (e, _x, v) => { e['event.reason'] = v; }],
  ['hostname', (e, _x, v) => { e['url.domain'] = v; }],
  ['url', (e, _x, v) => { e['url.path'] = v; }],
  ['qname', (e, _x, v) => { e['dns.question.name'] = v; }],
  ['qtype', (e, _x, v) => { e['dns.question.type'] = v; }],
]);

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
