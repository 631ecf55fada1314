import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { networkEvent } from './event-base.ts';
import { finish, setCounters, setDestination, setSource, setUser } from './fw-common.ts';
import { kvPairs } from './kv.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol } from './normalize.ts';

/**
 * Juniper SRX session logs (Junos "RT_FLOW" system log messages): RT_FLOW_SESSION_CREATE,
 * _CLOSE, _DENY (and their logical-system `_LS` twins) and the AppTrack APPTRACK_SESSION_*.
 *
 * - Structured (`set system syslog … structured-data`): RFC 5424 with
 *   `[junos@2636.1.1.1.2.x source-address="…" …]`, read by name.
 * - Plain: `RT_FLOW_SESSION_CLOSE: session closed TCP FIN: 10.0.0.1/53836->10.0.0.2/22 junos-ssh
 *   10.0.0.1/53836->10.0.0.2/22 None None 6 policy untrust trust 5 78(6657) 122(13305) 45 …`,
 *   read by position; Junos releases add columns (connection tags, NAT rule types), so the
 *   columns after the NAT tuple are found from the first `packets(bytes)` pair (close) or the
 *   `user(roles)` token (create) rather than by fixed index.
 */
const OBSERVER = { format: 'juniper-srx', vendor: 'Juniper', product: 'SRX' } as const;
const TAG = /^((?:RT_FLOW_SESSION|APPTRACK_SESSION)_[A-Z_]+?)(?:_LS)?(?=[:\s[]|$)/;
const scratch: string[] = [];

export const juniperSrx: Decoder = {
  format: 'juniper-srx',
  description: 'Juniper SRX RT_FLOW / APPTRACK session logs (structured-data and plain)',
  sniff(payload, header) {
    const msgid = header?.msgid;
    if (msgid !== undefined && (msgid.startsWith('RT_FLOW_SESSION') || msgid.startsWith('APPTRACK_SESSION'))) return true;
    return payload.startsWith('RT_FLOW_SESSION') || payload.startsWith('APPTRACK_SESSION') || payload.indexOf('RT_FLOW: RT_FLOW_SESSION') >= 0;
  },
  decode: decodeSrx,
};

function decodeSrx(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  let body = payload;
  const flowAt = body.indexOf('RT_FLOW: ');
  if (flowAt >= 0 && !body.startsWith('RT_FLOW_SESSION')) body = body.slice(flowAt + 9);
  const m = TAG.exec(header?.msgid ?? body) ?? TAG.exec(body);
  if (m === null) return 'juniper-srx: no RT_FLOW_SESSION_* / APPTRACK_SESSION_* tag';
  const tag = m[1]!;
  const e = networkEvent(OBSERVER, header, ctx);
  e['event.code'] = tag;
  const sdAt = header?.structuredData?.indexOf('[junos@') ?? -1;
  const inline = body.indexOf('[junos@');
  let reason: string | undefined;
  if (sdAt >= 0) reason = structured(e, header!.structuredData!, sdAt);
  else if (inline >= 0) reason = structured(e, body, inline);
  else reason = plain(e, tag, body.slice(body.indexOf(':', m[0].length - 1) + 1).trim());
  if (reason !== undefined) return `juniper-srx: ${reason}`;
  classify(e, tag);
  return finish(e);
}

/** The session's end as Vaern sees it: created/closed traffic was allowed, denied was not. */
function classify(e: VaernEvent, tag: string): void {
  const kind = tag.slice(tag.lastIndexOf('_') + 1);
  if (kind === 'DENY') {
    setAction(e, 'deny');
  } else {
    setAction(e, 'permit');
    if (kind === 'CREATE') e['event.type']!.splice(1, 0, 'start');
    else if (kind === 'CLOSE') e['event.type']!.splice(1, 0, 'end');
  }
  e['vaern.vendor_action'] = tag;
}

interface Counters {
  pc: number | undefined;
  bc: number | undefined;
  ps: number | undefined;
  bs: number | undefined;
}

function structured(e: VaernEvent, text: string, at: number): string | undefined {
  const close = text.indexOf(']', at);
  const inner = text.slice(text.indexOf(' ', at) + 1, close < 0 ? text.length : close);
  scratch.length = 0;
  // Some Junos releases quote with typographic quotes (”st0.0”); make them plain.
  const pairs = kvPairs(inner.indexOf('\u201d') >= 0 ? inner.replace(/[\u201c\u201d]/g, '"') : inner, 0, scratch);
  const c: Counters = { pc: undefined, bc: undefined, ps: undefined, bs: undefined };
  let user = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const v = pairs[i + 1]!;
    if (v === '') continue;
    switch (pairs[i]) {
      case 'source-address': setSource(e, v); break;
      case 'destination-address': setDestination(e, v); break;
      case 'source-port': { const p = parsePort(v); if (p !== undefined) e['source.port'] = p; break; }
      case 'destination-port': { const p = parsePort(v); if (p !== undefined) e['destination.port'] = p; break; }
      case 'nat-source-address': setNat(e, 'source', v); break;
      case 'nat-destination-address': setNat(e, 'destination', v); break;
      case 'nat-source-port': { const p = parsePort(v); if (p !== undefined) e['source.nat.port'] = p; break; }
      case 'nat-destination-port': { const p = parsePort(v); if (p !== undefined) e['destination.nat.port'] = p; break; }
      case 'protocol-id': setProtocol(e, v); break;
      case 'service-name': if (v !== 'None') e['network.protocol'] = v; break;
      case 'policy-name': e['rule.name'] = v; break;
      case 'source-zone-name': e['observer.ingress.zone'] = v; break;
      case 'destination-zone-name': e['observer.egress.zone'] = v; break;
      case 'session-id-32': case 'session-id': e['event.id'] = v; break;
      case 'packets-from-client': c.pc = parseUint(v); break;
      case 'bytes-from-client': c.bc = parseUint(v); break;
      case 'packets-from-server': c.ps = parseUint(v); break;
      case 'bytes-from-server': c.bs = parseUint(v); break;
      case 'elapsed-time': { const s = parseUint(v); if (s !== undefined) e['event.duration'] = s * 1e9; break; }
      case 'application': if (v !== 'UNKNOWN') e['network.application'] = v; break;
      case 'nested-application': if (v !== 'UNKNOWN' && v !== 'N/A') e['network.application'] = v; break;
      case 'username': user = v; break;
      case 'packet-incoming-interface': e['observer.ingress.interface.name'] = v; break;
      case 'destination-interface-name': e['observer.egress.interface.name'] = v; break;
      case 'reason': if (v !== 'unset') e['event.reason'] = v; break;
      default: break;
    }
  }
  setCounters(e, c.bc, c.bs, c.pc, c.ps);
  setUser(e, user);
  return e['source.ip'] === undefined ? 'no source-address in structured data' : undefined;
}

function setNat(e: VaernEvent, side: 'source' | 'destination', v: string): void {
  const ip = canonicalIp(v);
  if (ip === undefined || ip === '0.0.0.0') return;
  if (side === 'source') e['source.nat.ip'] = ip;
  else e['destination.nat.ip'] = ip;
}

/** `a.b.c.d/port->e.f.g.h/port` (IPv6 too: the port follows the last `/`). */
function tuple(t: string): [string, string, string, string] | undefined {
  const arrow = t.indexOf('->');
  if (arrow < 0) return undefined;
  const a = t.slice(0, arrow);
  const b = t.slice(arrow + 2);
  const sa = a.lastIndexOf('/');
  const sb = b.lastIndexOf('/');
  if (sa < 0 || sb < 0) return undefined;
  return [a.slice(0, sa), a.slice(sa + 1), b.slice(0, sb), b.slice(sb + 1)];
}

const DIGITS = /^\d+$/;
const COUNTED = /^(\d+)\((\d+)\)$/;

function plain(e: VaernEvent, tag: string, text: string): string | undefined {
  // `session closed TCP FIN: <tuple> …`, `session created <tuple> …`, `session denied <tuple> …`
  const verb = /^session (?:created|closed|denied|(?:[a-z]+ )*update[a-z]*)(?: (.*?):)? (?=\S+->)/.exec(text);
  if (verb === null) return `unrecognised ${tag} text`;
  if (verb[1] !== undefined) e['event.reason'] = verb[1];
  const tok = text.slice(verb[0].length).split(/\s+/);
  const t = tuple(tok[0]!);
  if (t === undefined) return 'no address tuple';
  if (!setSource(e, t[0], t[1]) || canonicalIp(t[0]) === undefined) return `bad source address "${t[0].slice(0, 60)}"`;
  setDestination(e, t[2], t[3]);
  let i = 1;
  if (tok[i]?.startsWith('0x')) i++;
  const service = tok[i++];
  if (service !== undefined && service !== 'None') e['network.protocol'] = service;
  if (tag.endsWith('DENY')) {
    // <proto>(<icmp type>) <policy> <from-zone> <to-zone> …
    const p = /^(\d+)\(\d+\)$/.exec(tok[i] ?? '');
    if (p !== null) setProtocol(e, p[1]!);
    if (tok[i + 1] !== undefined) e['rule.name'] = tok[i + 1]!;
    if (tok[i + 2] !== undefined) e['observer.ingress.zone'] = tok[i + 2]!;
    if (tok[i + 3] !== undefined) e['observer.egress.zone'] = tok[i + 3]!;
    return undefined;
  }
  const nat = tok[i] === undefined ? undefined : tuple(tok[i]!);
  if (nat !== undefined) {
    setNat(e, 'source', nat[0]);
    setNat(e, 'destination', nat[2]);
    const sp = parsePort(nat[1]);
    const dp = parsePort(nat[3]);
    if (sp !== undefined) e['source.nat.port'] = sp;
    if (dp !== undefined) e['destination.nat.port'] = dp;
  }
  // The session id column: followed by `pkts(bytes)` on close, by `user(roles)` on create.
  let k = -1;
  for (let j = i + 5; j < tok.length; j++) {
    if (DIGITS.test(tok[j - 1]!) && DIGITS.test(tok[j - 5]!) && tok[j]!.endsWith(')')) {
      k = j;
      break;
    }
  }
  if (k < 0) return undefined;
  setProtocol(e, tok[k - 5]!);
  e['rule.name'] = tok[k - 4]!;
  e['observer.ingress.zone'] = tok[k - 3]!;
  e['observer.egress.zone'] = tok[k - 2]!;
  e['event.id'] = tok[k - 1]!;
  const client = COUNTED.exec(tok[k]!);
  const server = COUNTED.exec(tok[k + 1] ?? '');
  if (client !== null && server !== null) {
    setCounters(e, parseUint(client[2]!), parseUint(server[2]!), parseUint(client[1]!), parseUint(server[1]!));
    const elapsed = parseUint(tok[k + 2] ?? '');
    if (elapsed !== undefined) e['event.duration'] = elapsed * 1e9;
  }
  return undefined;
}
