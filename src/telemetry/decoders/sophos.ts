import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { parseIsoTime } from '../syslog/timestamp.ts';
import { ecsMac, networkEvent, secondsToNs } from './event-base.ts';
import { type AuthAction, finish, setAlert, setAuth, setCounters, setUser } from './fw-common.ts';
import { kvPairs } from './kv.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol } from './normalize.ts';

/**
 * Sophos Firewall (SFOS, formerly XG) syslog, per Sophos' "Log file details" reference:
 * `device="SFW" date= time= timezone= device_name= device_id= log_id= log_type="Firewall"
 * log_component="Firewall Rule" log_subtype="Allowed" status="Allow" fw_rule_id= src_ip= …`.
 * SFOS 19.5 renamed several fields (`timestamp`, `bytes_sent`, `src_trans_ip`, `fw_rule_name`,
 * `device_serial_id`); both spellings are read.
 *
 * `log_type="Event"` authentication components (firewall, VPN, SSL VPN, admin GUI/SSH logins)
 * become authentication events; IDP / ATP / anti-virus logs become alerts.
 */
const OBSERVER = { format: 'sophos', vendor: 'Sophos', product: 'Sophos Firewall' } as const;
const scratch: string[] = [];
const ALERT_TYPES = new Set(['IDP', 'ATP', 'Anti-Virus', 'Anti-Malware', 'Sandstorm', 'Zero-Day Protection']);
/** Zone abbreviations SFOS writes in `timezone`, minutes east of UTC (Nordic ones first). */
const ZONES: Readonly<Record<string, number>> = { CET: 60, CEST: 120, UTC: 0, GMT: 0, BST: 60, WET: 0, WEST: 60, EET: 120, EEST: 180, IST: 330 };

export const sophos: Decoder = {
  format: 'sophos',
  description: 'Sophos Firewall (SFOS / XG) key=value logs (firewall, IPS, authentication)',
  sniff(payload) {
    return payload.indexOf('log_type=') >= 0 && payload.indexOf('log_component=') >= 0;
  },
  decode: decodeSophos,
};

interface Extra {
  date: string;
  time: string;
  timezone: string;
  timestamp: string;
  logType: string;
  component: string;
  subtype: string;
  status: string;
  user: string;
  message: string;
  sentBytes: number | undefined;
  recvBytes: number | undefined;
  sentPkts: number | undefined;
  recvPkts: number | undefined;
}

function decodeSophos(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  scratch.length = 0;
  const pairs = kvPairs(payload, 0, scratch);
  const e = networkEvent(OBSERVER, header, ctx);
  const x: Extra = {
    date: '', time: '', timezone: '', timestamp: '', logType: '', component: '', subtype: '', status: '', user: '', message: '',
    sentBytes: undefined, recvBytes: undefined, sentPkts: undefined, recvPkts: undefined,
  };
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1]!;
    if (value === '') continue;
    HANDLERS.get(pairs[i]!)?.(e, x, value);
  }
  if (x.logType === '') return 'sophos: no log_type';
  const time = logTime(x, header);
  if (time !== undefined) e['@timestamp'] = time;
  setCounters(e, x.sentBytes, x.recvBytes, x.sentPkts, x.recvPkts);
  setUser(e, x.user);
  if (x.message !== '') e.message = x.message;
  e['event.dataset'] = `sophos.${x.logType.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const auth = authAction(x);
  if (auth !== undefined) {
    setAuth(e, auth);
    e['vaern.vendor_action'] = x.status !== '' ? x.status : x.subtype;
  } else {
    if (ALERT_TYPES.has(x.logType)) setAlert(e);
    if (x.logType === 'Event' || x.logType === 'System Health') {
      e['event.category'] = ['host'];
      e['event.type'] = ['info'];
    }
    if (setAction(e, x.status) === undefined && x.subtype !== '') setAction(e, x.subtype);
  }
  return finish(e);
}

type Handler = (e: VaernEvent, x: Extra, v: string) => void;

const ip = (field: 'source.ip' | 'destination.ip' | 'source.nat.ip' | 'destination.nat.ip'): Handler => (e, _x, v) => {
  const a = canonicalIp(v);
  if (a !== undefined) e[field] = a;
};
const port = (field: 'source.port' | 'destination.port' | 'source.nat.port' | 'destination.nat.port'): Handler => (e, _x, v) => {
  const p = parsePort(v);
  // 0 in the translated ports means "not translated".
  if (p !== undefined && !(p === 0 && field.includes('nat'))) e[field] = p;
};
const mac = (field: 'source.mac' | 'destination.mac'): Handler => (e, _x, v) => {
  const m = ecsMac(v);
  if (m !== undefined && m !== '00-00-00-00-00-00') e[field] = m;
};

const HANDLERS = new Map<string, Handler>([
  ['date', (_e, x, v) => { x.date = v; }],
  ['time', (_e, x, v) => { x.time = v; }],
  ['timezone', (_e, x, v) => { x.timezone = v; }],
  ['timestamp', (_e, x, v) => { x.timestamp = v; }],
  ['device_name', (e, _x, v) => { e['observer.hostname'] = v; }],
  ['device_id', (e, _x, v) => { e['observer.serial_number'] = v; }],
  ['device_serial_id', (e, _x, v) => { e['observer.serial_number'] = v; }],
  ['log_id', (e, _x, v) => { e['event.code'] = v; }],
  ['log_type', (_e, x, v) => { x.logType = v; }],
  ['log_component', (_e, x, v) => { x.component = v; }],
  ['log_subtype', (_e, x, v) => { x.subtype = v; }],
  ['status', (_e, x, v) => { x.status = v; }],
  ['priority', (e, _x, v) => { e['log.level'] = v.toLowerCase(); }],
  ['severity', (e, _x, v) => { e['log.level'] = v.toLowerCase(); }],
  ['duration', (e, _x, v) => { const ns = secondsToNs(v); if (ns !== undefined) e['event.duration'] = ns; }],
  // 0 is "no rule" (invalid or fragmented traffic dropped before the rule base).
  ['fw_rule_id', (e, _x, v) => { if (v !== '0') e['rule.id'] = v; }],
  ['fw_rule_name', (e, _x, v) => { e['rule.name'] = v; }],
  ['fw_rule_section', (e, _x, v) => { e['rule.ruleset'] = v; }],
  ['user_name', (_e, x, v) => { x.user = v; }],
  ['application', (e, _x, v) => { e['network.application'] = v; }],
  ['app_name', (e, _x, v) => { e['network.application'] = v; }],
  ['in_interface', (e, _x, v) => { e['observer.ingress.interface.name'] = v; }],
  ['out_interface', (e, _x, v) => { e['observer.egress.interface.name'] = v; }],
  ['src_mac', mac('source.mac')],
  ['dst_mac', mac('destination.mac')],
  ['src_ip', ip('source.ip')],
  ['dst_ip', ip('destination.ip')],
  ['src_port', port('source.port')],
  ['dst_port', port('destination.port')],
  ['protocol', (e, _x, v) => setProtocol(e, v)],
  ['sent_bytes', (_e, x, v) => { x.sentBytes = parseUint(v); }],
  ['bytes_sent', (_e, x, v) => { x.sentBytes = parseUint(v); }],
  ['recv_bytes', (_e, x, v) => { x.recvBytes = parseUint(v); }],
  ['bytes_received', (_e, x, v) => { x.recvBytes = parseUint(v); }],
  ['sent_pkts', (_e, x, v) => { x.sentPkts = parseUint(v); }],
  ['packets_sent', (_e, x, v) => { x.sentPkts = parseUint(v); }],
  ['recv_pkts', (_e, x, v) => { x.recvPkts = parseUint(v); }],
  ['packets_received', (_e, x, v) => { x.recvPkts = parseUint(v); }],
  ['tran_src_ip', ip('source.nat.ip')],
  ['src_trans_ip', ip('source.nat.ip')],
  ['tran_src_port', port('source.nat.port')],
  ['src_trans_port', port('source.nat.port')],
  ['tran_dst_ip', ip('destination.nat.ip')],
  ['dst_trans_ip', ip('destination.nat.ip')],
  ['tran_dst_port', port('destination.nat.port')],
  ['dst_trans_port', port('destination.nat.port')],
  ['srczone', (e, _x, v) => { e['observer.ingress.zone'] = v; }],
  ['src_zone', (e, _x, v) => { e['observer.ingress.zone'] = v; }],
  ['dstzone', (e, _x, v) => { e['observer.egress.zone'] = v; }],
  ['dst_zone', (e, _x, v) => { e['observer.egress.zone'] = v; }],
  ['connid', (e, _x, v) => { e['event.id'] = v; }],
  ['con_id', (e, _x, v) => { e['event.id'] = v; }],
  ['message', (_e, x, v) => { x.message = v; }],
  ['reason', (e, _x, v) => { e['event.reason'] = v; }],
  ['signature_id', (e, _x, v) => { e['rule.id'] = v; }],
  ['signature_msg', (e, _x, v) => { e['rule.name'] = v; }],
  ['url', (e, _x, v) => { e['url.path'] = v; }],
  ['domain', (e, _x, v) => { e['url.domain'] = v; }],
]);

/** `timestamp` (19.5+, zoned ISO) first; else `date`+`time` in `timezone` when known; else the header's. */
function logTime(x: Extra, header: SyslogHeader | undefined): number | undefined {
  if (x.timestamp !== '') {
    const t = parseIsoTime(x.timestamp, 0, 0).time;
    if (!Number.isNaN(t)) return t;
  }
  if (x.date === '' || x.time === '') return undefined;
  const offset = ZONES[x.timezone.trim()];
  if (offset === undefined && header?.timestamp !== undefined) return undefined;
  const t = parseIsoTime(`${x.date}T${x.time}`, 0, offset ?? 0).time;
  return Number.isNaN(t) ? undefined : t;
}

/** Authentication components and admin logins, with their verdict from `status` / `log_subtype`. */
function authAction(x: Extra): AuthAction | undefined {
  const c = x.component;
  const isAuth = x.subtype === 'Authentication' || x.subtype === 'Admin' || x.subtype === 'Logout'
    || c.endsWith('Authentication') || c === 'GUI' || c === 'SSH' || c === 'CLI';
  if (!isAuth) return undefined;
  const status = x.status.toLowerCase();
  const msg = x.message.toLowerCase();
  if (x.subtype === 'Logout' || msg.includes('logged out') || status === 'logout') return 'logged-out';
  if (status.startsWith('fail') || msg.includes('failed')) return 'login-failed';
  if (status.startsWith('success') || msg.includes('logged in') || msg.includes('successfully')) return 'logged-in';
  return undefined;
}
