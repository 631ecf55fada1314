import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import { hexOf } from './format.ts';
import type { PendingSets } from './pending.ts';
import { applyOptions, buildEvent, decodeRecord, type PacketContext, type PacketSource } from './record.ts';
import type { Domain, Template, TemplateCache } from './templates.ts';

/** Where decoded flows, rejects and options records go; reused across packets by the caller. */
export interface NetflowOutput {
  events: VaernEvent[];
  rejects: Reject[];
  /** Options data records seen (sampling, exporter statistics); they update state, not events. */
  optionsRecords: number;
}

/**
 * Takes each decoded flow record while it sits in the scratch slots (record.ts `scratch`); `b` is
 * the buffer the record's offset slots (IPv6, MAC) point into, valid only during the call.
 */
export type RecordSink = (b: Buffer, pc: PacketContext) => void;

/** Decoder state shared by the version parsers. */
export interface DecoderState {
  readonly cache: TemplateCache;
  readonly pending: PendingSets;
  /** Where flow records go; undefined: each becomes an event in `out.events`. */
  readonly onRecord: RecordSink | undefined;
  /** Data sets dropped because their template never came (or the hold buffer was full). */
  dropped: number;
}

/** Bytes of a datagram kept in a reject, as hex. */
const REJECT_HEX_CHARS = 512;

export function reject(out: NetflowOutput, src: PacketSource, reason: string, raw: Uint8Array): void {
  out.rejects.push({
    receivedAt: src.receivedAt,
    tenant: src.tenant,
    sensor: src.sensor,
    origin: src.origin,
    format: 'netflow',
    reason: `netflow: ${reason}`,
    raw: hexOf(raw, REJECT_HEX_CHARS),
  });
}

/** Decode the records of a data set body [start, end) with its template; padding at the end is ignored. */
function decodeSet(b: Buffer, start: number, end: number, t: Template, pc: PacketContext, st: DecoderState, out: NetflowOutput): void {
  if (t.minLength === 0) {
    reject(out, pc, `template ${t.id} from ${pc.domain.key} has no bytes per record`, b.subarray(start, end));
    return;
  }
  let p = start;
  while (p + t.minLength <= end) {
    const next = decodeRecord(b, p, end, t.fields);
    if (next < 0) {
      reject(out, pc, `record of template ${t.id} at offset ${p} runs past its set`, b.subarray(start, end));
      return;
    }
    if (t.options) {
      applyOptions(pc.domain);
      out.optionsRecords++;
    } else if (st.onRecord !== undefined) {
      st.onRecord(b, pc);
    } else {
      out.events.push(buildEvent(b, pc));
    }
    p = next;
  }
}

/** A data set: decode it, or hold it until its template arrives. */
export function dataSet(b: Buffer, start: number, end: number, id: number, pc: PacketContext, st: DecoderState, out: NetflowOutput): void {
  const t = pc.domain.templates.get(id);
  if (t !== undefined) {
    decodeSet(b, start, end, t, pc, st, out);
    return;
  }
  const data = Buffer.from(b.subarray(start, end));
  if (!st.pending.hold(pc.domain, { templateId: id, data, pc, heldAt: pc.receivedAt })) {
    st.dropped++;
    reject(out, pc, `no template ${id} from ${pc.domain.key} and the hold buffer is full; set dropped`, data);
  }
}

/** A new template: store it, then replay the data that was waiting for it. */
export function learn(t: Template, pc: PacketContext, st: DecoderState, out: NetflowOutput, raw: Uint8Array): void {
  if (!st.cache.put(pc.domain, t)) {
    reject(out, pc, `too many templates from ${pc.domain.key}; template ${t.id} refused`, raw);
    return;
  }
  for (const held of st.pending.take(pc.domain, t.id)) decodeSet(held.data, 0, held.data.length, t, held.pc, st, out);
}

/** Withdraw a template (IPFIX template record with no fields). */
export function withdraw(domain: Domain, id: number): void {
  domain.templates.delete(id);
}

/** Count held sets older than the hold time (all of them when `now` is Infinity) as dropped. */
export function expireHeld(now: number, st: DecoderState, out: NetflowOutput): void {
  for (const held of st.pending.expire(now)) {
    st.dropped++;
    reject(out, held.pc, `no template ${held.templateId} from ${held.pc.domain.key} within ${st.pending.maxAgeMs} ms; set dropped`, held.data);
  }
}

/** True when the rest of the datagram is zero bytes: padding some exporters add, not an error. */
export function zeroFrom(b: Uint8Array, p: number): boolean {
  for (let i = p; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
