import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { parseIsoTime } from '../syslog/timestamp.ts';
import { ecsMac, networkEvent } from './event-base.ts';
import { type AuthAction, finish, setAuth, setCounters, setUser } from './fw-common.ts';
import { kvPairs } from './kv.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol } from './normalize.ts';

/**
 * SonicWall SonicOS syslog (default "Enhanced" format), per the SonicOS Log Events Reference:
 * `id=firewall sn=SERIAL time="2026-11-23 09:00:00" fw=WAN-IP pri=6 c=1024 m=537
 * msg="Connection Closed" src=ip:port:iface[:host] dst=ip:port:iface[:host] proto=tcp/https
 * sent= rcvd= spkt= rpkt= rule="5 (LAN->WAN)" fw_action="drop" usr="anne"`.
 *
 * `m` (the message id) is `event.code`. The verdict comes from `fw_action` when the firewall
 * wrote one, else from the message text ("… dropped", "Connection Opened"). Login messages
 * (administrator, SSL VPN, user logins) become authentication events.
 */
const OBSERVER = { format: 'sonicwall', vendor: 'SonicWall', product: 'SonicOS' } as const;
const scratch: string[] = [];

export const sonicwall: Decoder = {
  format: 'sonicwall',
  description: 'SonicWall SonicOS key=value syslog (id= sn= m= msg= src=ip:port:iface)',
  sniff(payload) {
    // `id=` opens the line, or follows a relay's host name (`10.0.0.1 id=firewall …`).
    const i = payload.indexOf('id=');
    if (i < 0 || i > 64 || (i > 0 && payload.charCodeAt(i - 1) !== 32)) return false;
    const sn = payload.indexOf(' sn=', i);
    return sn > 0 && sn < i + 64 && (payload.indexOf(' m=', sn) > 0 || payload.indexOf(' msg=', sn) > 0);
  },
  decode: decodeSonicwall,
};

interface Extra {
  time: string;
  msg: string;
  fwAction: string;
  user: string;
  sent: number | undefined;
  rcvd: number | undefined;
  spkt: number | undefined;
  rpkt: number | undefined;
}

function decodeSonicwall(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  scratch.length = 0;
  const pairs = kvPairs(payload, 0, scratch);
  const e = networkEvent(OBSERVER, header, ctx);
  const x: Extra = { time: '', msg: '', fwAction: '', user: '', sent: undefined, rcvd: undefined, spkt: undefined, rpkt: undefined };
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1]!;
    if (value === '') continue;
    HANDLERS.get(pairs[i]!)?.(e, x, value);
  }
  if (e['event.code'] === undefined && x.msg === '') return 'sonicwall: neither a message id (m=) nor a msg=';
  if (x.time !== '') {
    // SonicOS writes local time unless set to UTC; a trailing " UTC" says which.
    const t = parseIsoTime(x.time.replace(/ UTC$/, 'Z'), 0, 0).time;
    if (!Number.isNaN(t)) e['@timestamp'] = t;
  }
  setCounters(e, x.sent, x.rcvd, x.spkt, x.rpkt);
  setUser(e, x.user);
  if (x.msg !== '') e.message = x.msg;
  const auth = authAction(x.msg);
  if (auth !== undefined) {
    setAuth(e, auth);
    e['vaern.vendor_action'] = x.msg;
  } else if (x.fwAction !== '' && x.fwAction !== 'NA') {
    setAction(e, x.fwAction);
  } else {
    const word = msgVerdict(x.msg);
    if (word !== undefined) {
      if (x.msg === 'Connection Opened') e['event.type'] = ['connection', 'start'];
      else if (x.msg === 'Connection Closed') e['event.type'] = ['connection', 'end'];
      setAction(e, word);
      e['vaern.vendor_action'] = x.msg;
    } else if (e['source.ip'] === undefined) {
      e['event.category'] = ['host'];
      e['event.type'] = ['info'];
    }
  }
  return finish(e);
}

type Handler = (e: VaernEvent, x: Extra, v: string) => void;

/** `ip:port:iface[:host]`, or an IPv6 address alone (its colons make ports ambiguous). */
function endpoint(side: 'source' | 'destination'): Handler {
  return (e, _x, v) => {
    const ip6 = v.indexOf(':') >= 0 ? canonicalIp(v) : undefined;
    if (ip6 !== undefined) {
      e[`${side}.ip`] = ip6;
      return;
    }
    const parts = v.split(':');
    const ip = canonicalIp(parts[0]!);
    if (ip === undefined) return;
    const port = parts[1] === undefined ? undefined : parsePort(parts[1]);
    const iface = parts[2];
    if (side === 'source') {
      e['source.ip'] = ip;
      if (port !== undefined) e['source.port'] = port;
      if (iface !== undefined && iface !== '') e['observer.ingress.interface.name'] = iface;
      if (parts[3] !== undefined && parts[3] !== '') e['source.domain'] = parts[3];
    } else {
      e['destination.ip'] = ip;
      if (port !== undefined) e['destination.port'] = port;
      if (iface !== undefined && iface !== '') e['observer.egress.interface.name'] = iface;
      if (parts[3] !== undefined && parts[3] !== '') e['destination.domain'] = parts[3];
    }
  };
}

function natEndpoint(side: 'source' | 'destination'): Handler {
  return (e, _x, v) => {
    const [addr, portText] = v.split(':');
    const ip = canonicalIp(addr!);
    if (ip === undefined || ip === '0.0.0.0') return;
    const port = portText === undefined ? undefined : parsePort(portText);
    if (side === 'source') {
      e['source.nat.ip'] = ip;
      if (port !== undefined && port !== 0) e['source.nat.port'] = port;
    } else {
      e['destination.nat.ip'] = ip;
      if (port !== undefined && port !== 0) e['destination.nat.port'] = port;
    }
  };
}

const HANDLERS = new Map<string, Handler>([
  ['sn', (e, _x, v) => { e['observer.serial_number'] = v; }],
  ['time', (_e, x, v) => { x.time = v; }],
  ['fw', (e, _x, v) => { const ip = canonicalIp(v); if (ip !== undefined) e['observer.ip'] = ip; }],
  ['m', (e, _x, v) => { e['event.code'] = v; }],
  ['pri', (e, _x, v) => { const n = parseUint(v); if (n !== undefined && n <= 7) e['event.severity'] = n; }],
  ['msg', (_e, x, v) => { x.msg = v; }],
  ['src', endpoint('source')],
  ['dst', endpoint('destination')],
  ['srcV6', endpoint('source')],
  ['dstV6', endpoint('destination')],
  ['srcZone', (e, _x, v) => { e['observer.ingress.zone'] = v; }],
  ['dstZone', (e, _x, v) => { e['observer.egress.zone'] = v; }],
  ['arg', (e, _x, v) => { e['url.path'] = v; }],
  ['natSrc', natEndpoint('source')],
  ['natDst', natEndpoint('destination')],
  ['srcMac', (e, _x, v) => { const m = ecsMac(v); if (m !== undefined) e['source.mac'] = m; }],
  ['dstMac', (e, _x, v) => { const m = ecsMac(v); if (m !== undefined) e['destination.mac'] = m; }],
  ['proto', (e, _x, v) => {
    // `tcp/https`, `udp/53`, `tcp/50000`: the transport, then a service name or the port.
    const slash = v.indexOf('/');
    setProtocol(e, slash < 0 ? v : v.slice(0, slash));
    const svc = slash < 0 ? '' : v.slice(slash + 1);
    if (svc !== '' && parseUint(svc) === undefined) e['network.protocol'] = svc.toLowerCase();
  }],
  ['sent', (_e, x, v) => { x.sent = parseUint(v); }],
  ['rcvd', (_e, x, v) => { x.rcvd = parseUint(v); }],
  ['spkt', (_e, x, v) => { x.spkt = parseUint(v); }],
  ['rpkt', (_e, x, v) => { x.rpkt = parseUint(v); }],
  ['cdur', (e, _x, v) => { const ms = parseUint(v); if (ms !== undefined) e['event.duration'] = ms * 1e6; }],
  ['rule', (e, _x, v) => {
    // `5 (LAN->WAN)`: the rule number, then its zones in parentheses.
    const m = /^(\S+)\s*\((.*)\)$/.exec(v);
    if (m === null) e['rule.id'] = v;
    else {
      e['rule.id'] = m[1]!;
      e['rule.name'] = m[2]!;
    }
  }],
  ['fw_action', (_e, x, v) => { x.fwAction = v; }],
  // `Unknown (SSO failed)` and the like mean no user.
  ['usr', (_e, x, v) => { if (!v.startsWith('Unknown')) x.user = v; }],
  ['user', (_e, x, v) => { x.user = v; }],
  ['appName', (e, _x, v) => { e['network.application'] = v; }],
  ['dstname', (e, _x, v) => { e['destination.domain'] = v; }],
]);

const LOGIN_FAILED = /login (?:denied|failed|failure)|failed to log ?in|bad credentials|incorrect password|authentication fail/i;
const LOGIN_OK = /login (?:allowed|successful|succeeded)|logged in|successfully logged/i;
const LOGOUT = /logged out|logout|log out/i;

function authAction(msg: string): AuthAction | undefined {
  if (msg === '') return undefined;
  if (LOGIN_FAILED.test(msg)) return 'login-failed';
  if (LOGOUT.test(msg)) return 'logged-out';
  if (LOGIN_OK.test(msg)) return 'logged-in';
  return undefined;
}

/** A verdict word from the message text, or undefined. */
function msgVerdict(msg: string): string | undefined {
  const m = /\b(dropped|denied|blocked|rejected|discarded)\b/i.exec(msg);
  if (m !== null) return m[1]!;
  if (/^Connection (?:Opened|Closed)$/i.test(msg) || /\b(allowed|permitted)\b/i.test(msg)) return 'allowed';
  return undefined;
}
