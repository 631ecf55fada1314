/**
 * What CEF (ArcSight Common Event Format) and LEEF (IBM QRadar Log Event Extended Format) share:
 * a `|`-separated header with backslash escapes, then `key=value` attributes whose standard keys
 * overlap (`src`, `dst`, `proto`, `cat`, …). The key table maps both dictionaries' names, and
 * a vendor hook lets Check Point's pass-through names land on the same ECS fields.
 */
import type { VaernEvent } from '../../model/event.ts';
import type { DecodeContext, SyslogHeader } from '../decoder.ts';
import { monthIndex, parseIsoTime, wallClock } from '../syslog/timestamp.ts';
import { applyCheckpointField, checkpointState, finishCheckpoint } from './checkpoint-fields.ts';
import { ecsMac } from './event-base.ts';
import { finish, setCounters, setUser } from './fw-common.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol } from './normalize.ts';

/**
 * Splits `n` header fields off `s` from `start` at unescaped `|`, unescaping `\|` and `\\`.
 * Returns the fields and the index after the last `|`, or undefined when there are fewer.
 */
export function splitHeader(s: string, start: number, n: number): { fields: string[]; end: number } | undefined {
  const fields: string[] = [];
  let i = start;
  while (fields.length < n) {
    let bar = s.indexOf('|', i);
    if (bar < 0) return undefined;
    let field = s.slice(i, bar);
    if (field.indexOf('\\') >= 0) {
      // An escaped bar is part of the field: keep scanning.
      while (isEscaped(s, bar, i)) {
        const next = s.indexOf('|', bar + 1);
        if (next < 0) return undefined;
        bar = next;
      }
      field = s.slice(i, bar).replace(/\\([|\\])/g, '$1');
    }
    fields.push(field);
    i = bar + 1;
  }
  return { fields, end: i };
}

function isEscaped(s: string, at: number, from: number): boolean {
  let n = 0;
  for (let j = at - 1; j >= from && s.charCodeAt(j) === 92; j--) n++;
  return (n & 1) === 1;
}

/**
 * CEF extension: `key=value key2=value with spaces`. A value runs to the space before the next
 * `key=` whose `=` is not escaped; `\=`, `\\`, `\n`, `\r` are unescaped. Appends pairs to `out`.
 * Also used for LEEF lines whose sender replaced the tab delimiter with spaces.
 */
export function cefExtension(s: string, start: number, out: string[]): string[] {
  let keyStart = start;
  while (s.charCodeAt(keyStart) === 32) keyStart++;
  let eq = nextEq(s, keyStart);
  if (eq < 0) return out;
  let key = s.slice(keyStart, eq);
  for (;;) {
    const valueStart = eq + 1;
    // The next `=` opens a key only when a space separates it from this value's start;
    // an `=` inside a word (`url=/a?b=c`) belongs to the value.
    let next = nextEq(s, valueStart);
    let sp = -1;
    while (next >= 0) {
      sp = s.lastIndexOf(' ', next);
      if (sp >= valueStart) break;
      next = nextEq(s, next + 1);
    }
    if (next < 0) {
      if (key !== '') out.push(key, unescapeCef(s.slice(valueStart).trim()));
      return out;
    }
    if (key !== '') out.push(key, unescapeCef(s.slice(valueStart, sp).trim()));
    key = s.slice(sp + 1, next);
    eq = next;
  }
}

/** Next unescaped `=` at or after `from`, or -1. */
function nextEq(s: string, from: number): number {
  let eq = s.indexOf('=', from);
  while (eq > 0 && isEscaped(s, eq, from)) eq = s.indexOf('=', eq + 1);
  return eq;
}

function unescapeCef(v: string): string {
  if (v.indexOf('\\') < 0) return v;
  return v.replace(/\\([=\\nr|])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** Header of a CEF or LEEF line, normalised. */
export interface SiemHeader {
  format: 'cef' | 'leef';
  vendor: string;
  product: string;
  eventId: string;
  name: string;
  severity: string;
}

interface State {
  srcBytes: number | undefined;
  dstBytes: number | undefined;
  srcPackets: number | undefined;
  dstPackets: number | undefined;
  action: string;
  user: string;
  duser: string;
  labels: Map<string, string>;
}

type Setter = (e: VaernEvent, x: State, v: string) => void;

function ip(field: 'source.ip' | 'destination.ip' | 'source.nat.ip' | 'destination.nat.ip' | 'observer.ip'): Setter {
  return (e, _x, v) => {
    const a = canonicalIp(v);
    if (a !== undefined && !(a === '0.0.0.0' && field.includes('nat'))) e[field] = a;
  };
}
function port(field: 'source.port' | 'destination.port' | 'source.nat.port' | 'destination.nat.port'): Setter {
  return (e, _x, v) => {
    const p = parsePort(v);
    if (p !== undefined && !(p === 0 && field.includes('nat'))) e[field] = p;
  };
}

/** CEF (Micro Focus CEF 25) and LEEF (QRadar LEEF 2.0) standard keys. */
const SETTERS = new Map<string, Setter>([
  ['src', ip('source.ip')], ['c6a2', ip('source.ip')], ['dst', ip('destination.ip')], ['c6a3', ip('destination.ip')],
  ['spt', port('source.port')], ['srcPort', port('source.port')],
  ['dpt', port('destination.port')], ['dstPort', port('destination.port')],
  ['sourceTranslatedAddress', ip('source.nat.ip')], ['srcPostNAT', ip('source.nat.ip')],
  ['destinationTranslatedAddress', ip('destination.nat.ip')], ['dstPostNAT', ip('destination.nat.ip')],
  ['sourceTranslatedPort', port('source.nat.port')], ['srcPostNATPort', port('source.nat.port')],
  ['destinationTranslatedPort', port('destination.nat.port')], ['dstPostNATPort', port('destination.nat.port')],
  ['dvc', ip('observer.ip')], ['deviceAddress', ip('observer.ip')],
  ['proto', (e, _x, v) => setProtocol(e, v)],
  ['act', (_e, x, v) => { x.action = v; }], ['action', (_e, x, v) => { x.action = v; }],
  ['suser', (_e, x, v) => { x.user = v; }], ['usrName', (_e, x, v) => { x.user = v; }], ['duser', (_e, x, v) => { x.duser = v; }],
  ['in', (_e, x, v) => { x.srcBytes = parseUint(v); }], ['srcBytes', (_e, x, v) => { x.srcBytes = parseUint(v); }],
  ['out', (_e, x, v) => { x.dstBytes = parseUint(v); }], ['dstBytes', (_e, x, v) => { x.dstBytes = parseUint(v); }],
  ['srcPackets', (_e, x, v) => { x.srcPackets = parseUint(v); }], ['dstPackets', (_e, x, v) => { x.dstPackets = parseUint(v); }],
  ['deviceInboundInterface', (e, _x, v) => { e['observer.ingress.interface.name'] = v; }],
  ['deviceOutboundInterface', (e, _x, v) => { e['observer.egress.interface.name'] = v; }],
  ['deviceDirection', (e, _x, v) => { if (v === '0') e['network.direction'] = 'inbound'; else if (v === '1') e['network.direction'] = 'outbound'; }],
  ['shost', (e, _x, v) => { e['source.domain'] = v; }], ['srcHostName', (e, _x, v) => { e['source.domain'] = v; }],
  ['dhost', (e, _x, v) => { e['destination.domain'] = v; }], ['dstHostName', (e, _x, v) => { e['destination.domain'] = v; }],
  ['smac', (e, _x, v) => { const m = ecsMac(v); if (m !== undefined) e['source.mac'] = m; }],
  ['srcMAC', (e, _x, v) => { const m = ecsMac(v); if (m !== undefined) e['source.mac'] = m; }],
  ['dmac', (e, _x, v) => { const m = ecsMac(v); if (m !== undefined) e['destination.mac'] = m; }],
  ['dstMAC', (e, _x, v) => { const m = ecsMac(v); if (m !== undefined) e['destination.mac'] = m; }],
  ['dvchost', (e, _x, v) => { e['observer.hostname'] = v; }], ['identHostName', (e, _x, v) => { e['host.name'] = v; }],
  ['deviceExternalId', (e, _x, v) => { e['observer.serial_number'] = v; }],
  ['externalId', (e, _x, v) => { e['event.id'] = v; }],
  ['msg', (e, _x, v) => { e.message = v; }],
  // Not in either standard, but what most LEEF senders call the matching rule.
  ['policy', (e, _x, v) => { e['rule.name'] = v; }],
  ['reason', (e, _x, v) => { e['event.reason'] = v; }],
  ['outcome', (e, _x, v) => { const o = v.toLowerCase(); if (o === 'success' || o === 'failure') e['event.outcome'] = o; }],
  ['request', (e, _x, v) => { e['url.path'] = v; }], ['url', (e, _x, v) => { e['url.path'] = v; }],
  ['requestMethod', (e, _x, v) => { e['http.request.method'] = v.toUpperCase(); }],
  ['app', (e, _x, v) => { e['network.protocol'] = v.toLowerCase(); }],
  ['sev', (e, _x, v) => { const n = parseUint(v); if (n !== undefined) e['event.severity'] = n; }],
  ['rt', setTime], ['devTime', setTime], ['end', setTime],
]);

/** `rt`/`devTime`: epoch ms or s, `MMM dd yyyy HH:mm:ss[.SSS]`, or ISO 8601; zone-less read as UTC. */
function setTime(e: VaernEvent, _x: State, v: string): void {
  const n = parseUint(v);
  if (n !== undefined) {
    if (v.length === 13) e['@timestamp'] = n;
    else if (v.length === 10) e['@timestamp'] = n * 1000;
    return;
  }
  const m = /^(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\d{1,2}) (\d{4}) (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?/.exec(v);
  if (m !== null) {
    const t = wallClock(Number(m[3]), monthIndex(m[1]!), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0), 0);
    if (!Number.isNaN(t)) e['@timestamp'] = t;
    return;
  }
  const iso = parseIsoTime(v, 0, 0).time;
  if (!Number.isNaN(iso)) e['@timestamp'] = iso;
}

/** Labelled custom fields whose label says what they hold. */
const LABELS: Readonly<Record<string, 'rule.name' | 'rule.id' | 'rule.ruleset' | 'user.name' | 'network.application'>> = {
  'rule name': 'rule.name', 'rule': 'rule.name', 'policy name': 'rule.name', 'threat prevention rule name': 'rule.name', 'policy': 'rule.name',
  'rule uid': 'rule.id', 'rule id': 'rule.id', 'policy id': 'rule.id', 'ruleset': 'rule.ruleset', 'layer name': 'rule.ruleset',
  'user': 'user.name', 'username': 'user.name', 'application': 'network.application', 'application name': 'network.application',
};
const CUSTOM = /^(?:c[sn]\d|cfp\d|flexString\d)(?:Label)?$/;

const WORD_SEVERITY: Readonly<Record<string, number>> = { low: 3, medium: 5, high: 8, 'very-high': 10, critical: 10 };

/**
 * The event of a CEF or LEEF line from its header and attribute pairs. Vendor-specific names
 * (Check Point's) go through the vendor hook; unknown names are ignored.
 */
export function siemEvent(h: SiemHeader, pairs: readonly string[], header: SyslogHeader | undefined, ctx: DecodeContext): VaernEvent {
  const e: VaernEvent = {
    '@timestamp': header?.timestamp ?? ctx.receivedAt,
    'vaern.tenant': ctx.tenant,
    'vaern.sensor': ctx.sensor,
    'vaern.format': h.format,
    'event.kind': 'event',
    'event.category': ['network'],
    'event.type': ['info'],
    'observer.vendor': h.vendor,
    'observer.product': h.product,
  };
  if (header?.hostname !== undefined) e['observer.hostname'] = header.hostname;
  if (h.eventId !== '') e['event.code'] = h.eventId;
  if (h.name !== '') e.message = h.name;
  const sev = parseUint(h.severity) ?? WORD_SEVERITY[h.severity.toLowerCase()];
  if (sev !== undefined) e['event.severity'] = sev;
  const x: State = { srcBytes: undefined, dstBytes: undefined, srcPackets: undefined, dstPackets: undefined, action: '', user: '', duser: '', labels: new Map() };
  const cp = h.vendor === 'Check Point' ? checkpointState() : undefined;
  for (let i = 0; i < pairs.length; i += 2) {
    const key = pairs[i]!;
    const value = pairs[i + 1]!;
    if (value === '') continue;
    const set = SETTERS.get(key);
    if (set !== undefined) set(e, x, value);
    else if (CUSTOM.test(key)) x.labels.set(key, value);
    else if (cp !== undefined) applyCheckpointField(e, cp, key, value);
  }
  applyLabels(e, x);
  setCounters(e, x.srcBytes, x.dstBytes, x.srcPackets, x.dstPackets);
  setUser(e, x.user !== '' ? x.user : x.duser);
  if (e['source.ip'] !== undefined || e['destination.ip'] !== undefined) e['event.type'] = ['connection'];
  if (cp !== undefined) {
    if (cp.action === '') cp.action = x.action;
    finishCheckpoint(e, cp);
  } else if (x.action !== '') {
    setAction(e, x.action);
  }
  return finish(e);
}

function applyLabels(e: VaernEvent, x: State): void {
  for (const [key, value] of x.labels) {
    if (key.endsWith('Label')) continue;
    const label = x.labels.get(`${key}Label`)?.toLowerCase();
    const field = label === undefined ? undefined : LABELS[label];
    if (field === 'user.name') setUser(e, value);
    else if (field !== undefined) e[field] = value;
  }
}
