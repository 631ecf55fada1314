import type { PacketContext, PacketSource } from './record.ts';
import { dataSet, learn, reject, zeroFrom, type DecoderState, type NetflowOutput } from './sets.ts';
import { compileTemplate, type WireField } from './templates.ts';

/** NetFlow v9 (RFC 3954): 20-byte header, then flowsets: 0 templates, 1 options templates, >= 256 data. */
const HEADER = 20;

export function decodeV9(b: Buffer, src: PacketSource, st: DecoderState, out: NetflowOutput): void {
  if (b.length < HEADER) {
    reject(out, src, `v9 header needs ${HEADER} bytes, got ${b.length}`, b);
    return;
  }
  const domain = st.cache.domain(src.exporter, b.readUInt32BE(16));
  if (domain === undefined) {
    reject(out, src, 'too many exporters; datagram refused', b);
    return;
  }
  const pc: PacketContext = { ...src, exportMs: b.readUInt32BE(8) * 1000, sysUptime: b.readUInt32BE(4), headerSampling: 0, domain };
  let p = HEADER;
  while (p + 4 <= b.length) {
    const id = b.readUInt16BE(p);
    const len = b.readUInt16BE(p + 2);
    if (len < 4) {
      if (!zeroFrom(b, p)) reject(out, src, `v9 flowset ${id} at offset ${p} has length ${len}`, b);
      return;
    }
    const end = p + len;
    if (end > b.length) {
      reject(out, src, `v9 flowset ${id} at offset ${p} needs ${len} bytes, ${b.length - p} left`, b);
      return;
    }
    if (id === 0) templates(b, p + 4, end, pc, st, out);
    else if (id === 1) optionsTemplates(b, p + 4, end, pc, st, out);
    else if (id >= 256) dataSet(b, p + 4, end, id, pc, st, out);
    p = end;
  }
}

function fieldsAt(b: Buffer, q: number, count: number): WireField[] {
  const wire: WireField[] = [];
  for (let i = 0; i < count; i++, q += 4) wire.push({ id: b.readUInt16BE(q), len: b.readUInt16BE(q + 2), pen: 0 });
  return wire;
}

function templates(b: Buffer, q: number, end: number, pc: PacketContext, st: DecoderState, out: NetflowOutput): void {
  while (q + 4 <= end) {
    const id = b.readUInt16BE(q);
    const count = b.readUInt16BE(q + 2);
    if (id < 256) {
      if (!zeroFrom(b.subarray(0, end), q)) reject(out, pc, `v9 template id ${id} is below 256`, b);
      return;
    }
    const size = 4 + count * 4;
    if (q + size > end) {
      reject(out, pc, `v9 template ${id} with ${count} fields runs past its flowset`, b);
      return;
    }
    learn(compileTemplate(id, fieldsAt(b, q + 4, count), false, 0), pc, st, out, b);
    q += size;
  }
}

function optionsTemplates(b: Buffer, q: number, end: number, pc: PacketContext, st: DecoderState, out: NetflowOutput): void {
  while (q + 6 <= end) {
    const id = b.readUInt16BE(q);
    const scopeLen = b.readUInt16BE(q + 2);
    const optionLen = b.readUInt16BE(q + 4);
    if (id < 256) return; // padding to a 4-byte boundary
    if (scopeLen % 4 !== 0 || optionLen % 4 !== 0 || q + 6 + scopeLen + optionLen > end) {
      reject(out, pc, `v9 options template ${id} has bad lengths ${scopeLen}/${optionLen}`, b);
      return;
    }
    const wire = fieldsAt(b, q + 6, (scopeLen + optionLen) / 4);
    learn(compileTemplate(id, wire, true, scopeLen / 4), pc, st, out, b);
    q += 6 + scopeLen + optionLen;
  }
}
