import type { PacketContext, PacketSource } from './record.ts';
import { dataSet, learn, reject, withdraw, zeroFrom, type DecoderState, type NetflowOutput } from './sets.ts';
import { compileTemplate, type WireField } from './templates.ts';

/** IPFIX (RFC 7011): 16-byte header, then sets: 2 templates, 3 options templates, >= 256 data. */
const HEADER = 16;

export function decodeIpfix(b: Buffer, src: PacketSource, st: DecoderState, out: NetflowOutput): void {
  if (b.length < HEADER) {
    reject(out, src, `IPFIX header needs ${HEADER} bytes, got ${b.length}`, b);
    return;
  }
  const length = b.readUInt16BE(2);
  if (length < HEADER || length > b.length) {
    reject(out, src, `IPFIX message length ${length} does not fit the ${b.length}-byte datagram`, b);
    return;
  }
  const domain = st.cache.domain(src.exporter, b.readUInt32BE(12));
  if (domain === undefined) {
    reject(out, src, 'too many exporters; datagram refused', b);
    return;
  }
  const pc: PacketContext = { ...src, exportMs: b.readUInt32BE(4) * 1000, sysUptime: NaN, headerSampling: 0, domain };
  const msg = b.subarray(0, length);
  let p = HEADER;
  while (p + 4 <= length) {
    const id = msg.readUInt16BE(p);
    const len = msg.readUInt16BE(p + 2);
    if (len < 4) {
      if (!zeroFrom(msg, p)) reject(out, src, `IPFIX set ${id} at offset ${p} has length ${len}`, b);
      return;
    }
    const end = p + len;
    if (end > length) {
      reject(out, src, `IPFIX set ${id} at offset ${p} needs ${len} bytes, ${length - p} left`, b);
      return;
    }
    if (id === 2) templates(msg, p + 4, end, false, pc, st, out);
    else if (id === 3) templates(msg, p + 4, end, true, pc, st, out);
    else if (id >= 256) dataSet(msg, p + 4, end, id, pc, st, out);
    p = end;
  }
}

/** Template or options template records of one set. */
function templates(b: Buffer, q: number, end: number, options: boolean, pc: PacketContext, st: DecoderState, out: NetflowOutput): void {
  const head = options ? 6 : 4;
  while (q + head <= end) {
    const id = b.readUInt16BE(q);
    const count = b.readUInt16BE(q + 2);
    if (count === 0 && (id === 2 || id === 3)) {
      // "Withdraw all templates" of this kind (RFC 7011 section 8.1).
      for (const t of pc.domain.templates.values()) if (t.options === (id === 3)) withdraw(pc.domain, t.id);
      q += 4;
      continue;
    }
    if (id < 256) {
      if (!zeroFrom(b.subarray(0, end), q)) reject(out, pc, `IPFIX template id ${id} is below 256`, b);
      return;
    }
    if (count === 0) {
      withdraw(pc.domain, id);
      q += 4;
      continue;
    }
    const scope = options ? b.readUInt16BE(q + 4) : 0;
    if (scope > count) {
      reject(out, pc, `IPFIX options template ${id} has ${scope} scope fields of ${count}`, b);
      return;
    }
    q += head;
    const wire: WireField[] = [];
    for (let i = 0; i < count; i++) {
      if (q + 4 > end) break;
      const raw = b.readUInt16BE(q);
      const len = b.readUInt16BE(q + 2);
      q += 4;
      let pen = 0;
      // Enterprise bit: a 4-byte private enterprise number follows.
      if (raw & 0x8000) {
        if (q + 4 > end) break;
        pen = b.readUInt32BE(q);
        q += 4;
      }
      wire.push({ id: raw & 0x7fff, len, pen });
    }
    if (wire.length < count) {
      reject(out, pc, `IPFIX template ${id} with ${count} fields runs past its set`, b);
      return;
    }
    learn(compileTemplate(id, wire, options, scope), pc, st, out, b);
  }
}
