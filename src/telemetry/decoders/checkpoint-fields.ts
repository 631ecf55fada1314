/**
 * Check Point field names (Log Exporter / Log Field Description reference: `src`, `s_port`,
 * `service`, `xlatesrc`, `rule_uid`, `origin`, `auth_status`, …) onto ECS. Shared by the native
 * Log Exporter decoder (checkpoint.ts) and the CEF and LEEF decoders, because Log Exporter's
 * CEF/LEEF output passes every field it has no CEF/LEEF name for through under its Check Point
 * name.
 */
import type { VaernEvent } from '../../model/event.ts';
import { type AuthAction, setAlert, setAuth, setCounters, setUser } from './fw-common.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol } from './normalize.ts';

/** What a Check Point line says beyond single fields, settled once all fields are read. */
export interface CheckpointState {
  action: string;
  authStatus: string;
  product: string;
  ifname: string;
  ifdir: string;
  user: string;
  srcUserName: string;
  threat: boolean;
  clientOut: number | undefined;
  serverOut: number | undefined;
  clientOutPkts: number | undefined;
  serverOutPkts: number | undefined;
}

export function checkpointState(): CheckpointState {
  return {
    action: '', authStatus: '', product: '', ifname: '', ifdir: '', user: '', srcUserName: '', threat: false,
    clientOut: undefined, serverOut: undefined, clientOutPkts: undefined, serverOutPkts: undefined,
  };
}

type Setter = (e: VaernEvent, x: CheckpointState, v: string) => void;

function natIp(v: string): string | undefined {
  // Check Point writes 0.0.0.0 / port 0 for "not translated".
  return v === '0.0.0.0' || v === '::' ? undefined : canonicalIp(v);
}

const DIRECTIONS: Readonly<Record<string, string>> = { Incoming: 'inbound', Outgoing: 'outbound', Internal: 'internal', External: 'external' };

const SETTERS = new Map<string, Setter>([
  ['src', (e, _x, v) => { const ip = canonicalIp(v); if (ip !== undefined) e['source.ip'] = ip; }],
  ['dst', (e, _x, v) => { const ip = canonicalIp(v); if (ip !== undefined) e['destination.ip'] = ip; }],
  ['s_port', (e, _x, v) => { const p = parsePort(v); if (p !== undefined) e['source.port'] = p; }],
  ['service', (e, _x, v) => { const p = parsePort(v); if (p !== undefined) e['destination.port'] = p; }],
  ['proto', (e, _x, v) => setProtocol(e, v)],
  ['xlatesrc', (e, _x, v) => { const ip = natIp(v); if (ip !== undefined) e['source.nat.ip'] = ip; }],
  ['xlatedst', (e, _x, v) => { const ip = natIp(v); if (ip !== undefined) e['destination.nat.ip'] = ip; }],
  ['xlatesport', (e, _x, v) => { const p = parsePort(v); if (p !== undefined && p !== 0) e['source.nat.port'] = p; }],
  ['xlatedport', (e, _x, v) => { const p = parsePort(v); if (p !== undefined && p !== 0) e['destination.nat.port'] = p; }],
  ['action', (_e, x, v) => { x.action = v; }],
  ['auth_status', (_e, x, v) => { x.authStatus = v; }],
  ['product', (e, x, v) => { x.product = v; e['observer.product'] = v; }],
  ['ifname', (_e, x, v) => { x.ifname = v; }],
  ['ifdir', (_e, x, v) => { x.ifdir = v; }],
  ['inzone', (e, _x, v) => { e['observer.ingress.zone'] = v; }],
  ['outzone', (e, _x, v) => { e['observer.egress.zone'] = v; }],
  ['rule_name', (e, _x, v) => { e['rule.name'] = v; }],
  ['rule_uid', (e, _x, v) => { e['rule.id'] = v; }],
  ['rule', (e, _x, v) => { if (e['rule.id'] === undefined) e['rule.id'] = v; }],
  ['layer_name', (e, _x, v) => { e['rule.ruleset'] = v; }],
  ['origin', (e, _x, v) => { const ip = canonicalIp(v); if (ip !== undefined) e['observer.ip'] = ip; }],
  ['originsicname', (e, _x, v) => {
    // `CN=gw-oslo,O=mgmt..abc123`: the gateway's own name.
    const cn = /^cn=([^,]+)/i.exec(v);
    if (cn !== null && e['observer.hostname'] === undefined) e['observer.hostname'] = cn[1]!;
  }],
  ['hostname', (e, _x, v) => { e['observer.hostname'] = v; }],
  ['loguid', (e, _x, v) => { e['event.id'] = v; }],
  ['service_id', (e, _x, v) => { e['network.application'] = v; }],
  ['appi_name', (e, _x, v) => { e['network.application'] = v; }],
  ['conn_direction', (e, _x, v) => { const d = DIRECTIONS[v]; if (d !== undefined) e['network.direction'] = d; }],
  ['user', (_e, x, v) => { x.user = v; }],
  ['src_user_name', (_e, x, v) => { x.srcUserName = v; }],
  ['client_outbound_bytes', (_e, x, v) => { x.clientOut = parseUint(v); }],
  ['server_outbound_bytes', (_e, x, v) => { x.serverOut = parseUint(v); }],
  ['client_outbound_packets', (_e, x, v) => { x.clientOutPkts = parseUint(v); }],
  ['server_outbound_packets', (_e, x, v) => { x.serverOutPkts = parseUint(v); }],
  ['sent_bytes', (_e, x, v) => { x.clientOut ??= parseUint(v); }],
  ['received_bytes', (_e, x, v) => { x.serverOut ??= parseUint(v); }],
  ['reason', (e, _x, v) => { e['event.reason'] = v; }],
  ['tcp_packet_out_of_state', (e, _x, v) => { e['event.reason'] = v; }],
  ['protection_name', (e, x, v) => { x.threat = true; e['rule.name'] = v; }],
  ['protection_id', (e, x, v) => { x.threat = true; e['rule.id'] = v; }],
  ['attack', (e, x, v) => { x.threat = true; if (e['event.reason'] === undefined) e['event.reason'] = v; }],
  ['malware_action', (e, x, v) => { x.threat = true; e['event.reason'] = v; }],
  ['severity', (e, _x, v) => { const n = parseUint(v); if (n !== undefined) e['event.severity'] = n; }],
  ['resource', (e, _x, v) => { e['url.path'] = v; }],
  ['dst_domain', (e, _x, v) => { e['destination.domain'] = v; }],
  ['sys_message', (e, _x, v) => { e.message = v; }],
  ['description', (e, _x, v) => { if (e.message === undefined) e.message = v; }],
  ['time', (e, _x, v) => {
    const s = parseUint(v);
    // Epoch seconds; reject anything before 2000 or absurdly far ahead.
    if (s !== undefined && s > 946_684_800 && s < 4_102_444_800) e['@timestamp'] = s * 1000;
  }],
]);

/** Applies one Check Point field; false when the name is not one Vaern maps. */
export function applyCheckpointField(e: VaernEvent, x: CheckpointState, key: string, value: string): boolean {
  const set = SETTERS.get(key);
  if (set === undefined) return false;
  if (value !== '') set(e, x, value);
  return true;
}

/** Verdict words Check Point uses beyond the shared table: these let the traffic through. */
const PASS_WORDS = new Set(['detect', 'inform', 'bypass', 'ask', 'encrypt', 'decrypt']);

/** Settles interface, counters, user, verdict, login and threat classification. */
export function finishCheckpoint(e: VaernEvent, x: CheckpointState): void {
  if (x.ifname !== '') {
    if (x.ifdir === 'outbound') e['observer.egress.interface.name'] = x.ifname;
    else e['observer.ingress.interface.name'] = x.ifname;
  }
  setCounters(e, x.clientOut, x.serverOut, x.clientOutPkts, x.serverOutPkts);
  // `src_user_name` is "Full Name (login)"; `user` is the login when both are present.
  const paren = /\(([^()]+)\)\s*$/.exec(x.srcUserName);
  setUser(e, x.user !== '' ? x.user : paren !== null ? paren[1] : x.srcUserName);
  const auth = authAction(x);
  if (auth !== undefined) {
    setAuth(e, auth);
    if (x.action !== '') e['vaern.vendor_action'] = x.action;
    else e['vaern.vendor_action'] = x.authStatus;
    return;
  }
  if (x.threat) setAlert(e);
  if (x.action === '') return;
  if (setAction(e, x.action) === undefined && PASS_WORDS.has(x.action.toLowerCase())) {
    e['event.action'] = 'allowed';
    e['event.outcome'] = 'success';
    e['event.type'] = [...(e['event.type'] ?? []), 'allowed'];
  }
}

function authAction(x: CheckpointState): AuthAction | undefined {
  const status = x.authStatus.toLowerCase();
  const action = x.action.toLowerCase();
  if (status.includes('fail') || action === 'failed log in') return 'login-failed';
  if (action === 'log out' || action === 'logout') return 'logged-out';
  if (status.includes('success') || action === 'log in') return 'logged-in';
  return undefined;
}
