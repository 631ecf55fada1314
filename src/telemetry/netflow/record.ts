import type { VaernEvent } from '../../model/event.ts';
import { IANA_NUMBER, TRANSPORT, ipv4, ipv6, mac } from './format.ts';
import * as I from './ie.ts';
import type { Domain, FieldStep } from './templates.ts';
import { VARLEN } from './templates.ts';

/**
 * The record decoder and event builder shared by v5, v9 and IPFIX.
 *
 * Hand-written rather than generated with `new Function`: a loop over a compiled field array
 * with a small `switch` already runs well above 1M records/s (see bench/netflow.bench.ts), and
 * generated code from exporter-controlled templates would be one more thing to audit.
 * Values land in a reused Float64Array so a record costs one object, the event itself.
 */

/** Where a datagram came from and who it belongs to. */
export interface PacketSource {
  readonly tenant: string;
  readonly sensor: string;
  /** Exporter address, the `observer.ip` of its flows and the template cache key. */
  readonly exporter: string;
  /** For rejects: `udp:2055`, or a file path. */
  readonly origin: string;
  readonly receivedAt: number;
}

/** What every record of one packet shares. */
export interface PacketContext extends PacketSource {
  /** Export time from the packet header, epoch ms. */
  readonly exportMs: number;
  /** v5/v9 header sysUptime in ms, for FIRST/LAST_SWITCHED; NaN in IPFIX. */
  readonly sysUptime: number;
  /** Header sampling interval (v5); 0 when the header has none. */
  readonly headerSampling: number;
  readonly domain: Domain;
}

/** The per-record scratch slots (ie.ts S_*), NaN = absent; read by the flow log's record writer. */
export const scratch = new Float64Array(I.SLOT_COUNT);
const v = scratch;

/** `event.category` and `event.type` of every flow, shared and frozen (also by flow-log.ts readers). */
export const NETWORK: string[] = Object.freeze(['network']) as unknown as string[];
export const CONNECTION: string[] = Object.freeze(['connection']) as unknown as string[];
const TWO_32 = 4294967296;
const NTP_EPOCH_S = 2208988800;

function readUint(b: Buffer, p: number, len: number): number {
  switch (len) {
    case 1:
      return b[p]!;
    case 2:
      return (b[p]! << 8) | b[p + 1]!;
    case 4:
      return b.readUInt32BE(p);
    case 8:
      return b.readUInt32BE(p) * TWO_32 + b.readUInt32BE(p + 4);
    default: {
      let x = 0;
      for (let i = 0; i < len; i++) x = x * 256 + b[p + i]!;
      return x;
    }
  }
}

/**
 * Decode one record at `pos` into the scratch slots. Returns the position after it, or -1 when a
 * variable-length field runs past `end` (the caller rejects the rest of the set).
 */
export function decodeRecord(b: Buffer, pos: number, end: number, fields: readonly FieldStep[]): number {
  v.fill(NaN);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let len = f.len;
    if (len === VARLEN) {
      if (pos >= end) return -1;
      len = b[pos++]!;
      if (len === 255) {
        if (pos + 2 > end) return -1;
        len = (b[pos]! << 8) | b[pos + 1]!;
        pos += 2;
      }
    }
    if (pos + len > end) return -1;
    switch (f.conv) {
      case I.C_SKIP:
        break;
      case I.C_UINT:
        v[f.slot] = readUint(b, pos, len);
        break;
      case I.C_OFFSET:
        v[f.slot] = pos;
        break;
      case I.C_SEC:
        v[f.slot] = b.readUInt32BE(pos) * 1000;
        break;
      case I.C_NTP:
        v[f.slot] = (b.readUInt32BE(pos) - NTP_EPOCH_S) * 1000 + Math.floor((b.readUInt32BE(pos + 4) / TWO_32) * 1000);
        break;
    }
    pos += len;
  }
  return pos;
}

/** Options data: remember the exporter's sampling interval and system init time. */
export function applyOptions(d: Domain): void {
  const interval = samplingOf();
  if (interval === interval) d.samplingInterval = interval;
  const init = v[I.S_SYSINIT]!;
  if (init === init) d.sysInitMs = init;
}

/** Sampling carried by the record itself; NaN when none. 0 ("not sampled") counts as 1. */
function samplingOf(): number {
  const s = v[I.S_SAMPLING]!;
  if (s === s) return s >= 1 ? s : 1;
  const n = v[I.S_PKT_INTERVAL]!;
  if (n === n && n >= 1) {
    const space = v[I.S_PKT_SPACE]!;
    return space === space ? (n + space) / n : 1;
  }
  return NaN;
}

/** Sys-uptime ms of a flow edge to epoch ms: against the header (v5/v9) or the system init time (IPFIX). */
function fromUptime(up: number, pc: PacketContext): number {
  if (up !== up) return NaN;
  if (pc.sysUptime === pc.sysUptime) {
    // Both clocks are 32-bit ms counters; the signed difference survives a wrap.
    let d = pc.sysUptime - up;
    if (d > 2147483647) d -= TWO_32;
    else if (d < -2147483648) d += TWO_32;
    return pc.exportMs - d;
  }
  const init = v[I.S_SYSINIT]! === v[I.S_SYSINIT]! ? v[I.S_SYSINIT]! : pc.domain.sysInitMs;
  return init === init ? init + up : NaN;
}

/**
 * Settle the record in the scratch slots into what a stored flow needs: S_START and S_END become
 * epoch ms from whichever clock the exporter used (NaN when unknown), S_BYTES and S_PKTS fall back
 * to the total counters. Returns the flow's timestamp. Shared by the event builder and the flow
 * log (flow-log.ts), so both read a record the same way.
 */
export function settleRecord(pc: PacketContext): number {
  let start = v[I.S_START]!;
  let end = v[I.S_END]!;
  if (start !== start) start = fromUptime(v[I.S_FIRST_UP]!, pc);
  if (end !== end) end = fromUptime(v[I.S_LAST_UP]!, pc);
  if (start !== start && v[I.S_START_DUS]! === v[I.S_START_DUS]!) start = pc.exportMs - Math.round(v[I.S_START_DUS]! / 1000);
  if (end !== end && v[I.S_END_DUS]! === v[I.S_END_DUS]!) end = pc.exportMs - Math.round(v[I.S_END_DUS]! / 1000);
  if (end !== end && start === start && v[I.S_DURATION]! === v[I.S_DURATION]!) end = start + v[I.S_DURATION]!;
  v[I.S_START] = start;
  v[I.S_END] = end;
  if (v[I.S_BYTES]! !== v[I.S_BYTES]!) v[I.S_BYTES] = v[I.S_TBYTES]!;
  if (v[I.S_PKTS]! !== v[I.S_PKTS]!) v[I.S_PKTS] = v[I.S_TPKTS]!;
  return end === end ? end : start === start ? start : v[I.S_OBS]! === v[I.S_OBS]! ? v[I.S_OBS]! : pc.exportMs;
}

/** 1-in-N sampling of the record in the scratch slots: its own, else the header's, else the domain's. */
export function samplingFactor(pc: PacketContext): number {
  const k = samplingOf();
  if (k === k) return k;
  return pc.headerSampling > 1 ? pc.headerSampling : pc.domain.samplingInterval;
}

/** Build the event of the record in the scratch slots. */
export function buildEvent(b: Buffer, pc: PacketContext): VaernEvent {
  const ts = settleRecord(pc);
  const start = v[I.S_START]!;
  const end = v[I.S_END]!;

  const ev: VaernEvent = {
    '@timestamp': ts,
    'vaern.tenant': pc.tenant,
    'vaern.sensor': pc.sensor,
    'vaern.format': 'netflow',
    'event.kind': 'event',
    'event.category': NETWORK,
    'event.type': CONNECTION,
    'observer.ip': pc.exporter,
  };
  if (start === start) ev['event.start'] = start;
  if (end === end) ev['event.end'] = end;
  if (start === start && end === end && end >= start) ev['event.duration'] = (end - start) * 1e6;

  const src4 = v[I.S_SRC4]!;
  const src6 = v[I.S_SRC6]!;
  if (src4 === src4) {
    ev['source.ip'] = ipv4(src4);
    ev['network.type'] = 'ipv4';
  } else if (src6 === src6) {
    ev['source.ip'] = ipv6(b, src6);
    ev['network.type'] = 'ipv6';
  }
  const dst4 = v[I.S_DST4]!;
  const dst6 = v[I.S_DST6]!;
  if (dst4 === dst4) ev['destination.ip'] = ipv4(dst4);
  else if (dst6 === dst6) ev['destination.ip'] = ipv6(b, dst6);
  const sport = v[I.S_SPORT]!;
  if (sport === sport) ev['source.port'] = sport;
  const dport = v[I.S_DPORT]!;
  if (dport === dport) ev['destination.port'] = dport;
  const proto = v[I.S_PROTO]!;
  if (proto === proto) {
    ev['network.iana_number'] = IANA_NUMBER[proto]!;
    const t = TRANSPORT[proto];
    if (t !== undefined) ev['network.transport'] = t;
  }

  // Sampled exporters count 1 in N packets; scale so volumes are comparable across exporters.
  const k = samplingFactor(pc);
  if (k > 1) ev['vaern.sampling_interval'] = k;
  const bytes = v[I.S_BYTES]!;
  const pkts = v[I.S_PKTS]!;
  const rbytes = v[I.S_RBYTES]!;
  const rpkts = v[I.S_RPKTS]!;
  if (bytes === bytes) ev['source.bytes'] = bytes * k;
  if (pkts === pkts) ev['source.packets'] = pkts * k;
  if (rbytes === rbytes) ev['destination.bytes'] = rbytes * k;
  if (rpkts === rpkts) ev['destination.packets'] = rpkts * k;
  if (bytes === bytes || rbytes === rbytes) ev['network.bytes'] = ((bytes === bytes ? bytes : 0) + (rbytes === rbytes ? rbytes : 0)) * k;
  if (pkts === pkts || rpkts === rpkts) ev['network.packets'] = ((pkts === pkts ? pkts : 0) + (rpkts === rpkts ? rpkts : 0)) * k;

  const flags = v[I.S_FLAGS]!;
  if (flags === flags) ev['vaern.tcp_flags'] = flags;
  const inIf = v[I.S_IN]!;
  if (inIf === inIf) ev['observer.ingress.interface.id'] = String(inIf);
  const outIf = v[I.S_OUT]!;
  if (outIf === outIf) ev['observer.egress.interface.id'] = String(outIf);
  const dir = v[I.S_DIR]!;
  if (dir === 0) ev['network.direction'] = 'ingress';
  else if (dir === 1) ev['network.direction'] = 'egress';

  if (v[I.S_SRC_AS]! > 0) ev['source.as.number'] = v[I.S_SRC_AS]!;
  if (v[I.S_DST_AS]! > 0) ev['destination.as.number'] = v[I.S_DST_AS]!;
  if (v[I.S_SRC_MAC]! === v[I.S_SRC_MAC]!) ev['source.mac'] = mac(b, v[I.S_SRC_MAC]!);
  if (v[I.S_DST_MAC]! === v[I.S_DST_MAC]!) ev['destination.mac'] = mac(b, v[I.S_DST_MAC]!);
  if (v[I.S_NAT_SRC4]! === v[I.S_NAT_SRC4]!) ev['source.nat.ip'] = ipv4(v[I.S_NAT_SRC4]!);
  else if (v[I.S_NAT_SRC6]! === v[I.S_NAT_SRC6]!) ev['source.nat.ip'] = ipv6(b, v[I.S_NAT_SRC6]!);
  if (v[I.S_NAT_DST4]! === v[I.S_NAT_DST4]!) ev['destination.nat.ip'] = ipv4(v[I.S_NAT_DST4]!);
  else if (v[I.S_NAT_DST6]! === v[I.S_NAT_DST6]!) ev['destination.nat.ip'] = ipv6(b, v[I.S_NAT_DST6]!);
  if (v[I.S_NAT_SPORT]! === v[I.S_NAT_SPORT]!) ev['source.nat.port'] = v[I.S_NAT_SPORT]!;
  if (v[I.S_NAT_DPORT]! === v[I.S_NAT_DPORT]!) ev['destination.nat.port'] = v[I.S_NAT_DPORT]!;
  return ev;
}
