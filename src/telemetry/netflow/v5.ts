import type { PacketContext, PacketSource } from './record.ts';
import { dataSet, reject, type DecoderState, type NetflowOutput } from './sets.ts';
import { compileTemplate, type WireField } from './templates.ts';

/**
 * NetFlow v5: a 24-byte header and up to 30 fixed 48-byte records. The record layout is expressed
 * as a template of the equivalent IANA elements so v5 runs through the same record decoder.
 */
const HEADER = 24;
const RECORD = 48;
/** The v5 record as [IE id, length]; id 0 = padding or a field Vaern does not keep. */
const LAYOUT: readonly (readonly [number, number])[] = [
  [8, 4], [12, 4], [15, 4], [10, 2], [14, 2], [2, 4], [1, 4], [22, 4], [21, 4], [7, 2], [11, 2],
  [0, 1], [6, 1], [4, 1], [5, 1], [16, 2], [17, 2], [9, 1], [13, 1], [0, 2],
];
/** Template ids are at least 256 in v9/IPFIX, so 5 cannot collide in a domain's template map. */
const V5_TEMPLATE_ID = 5;
const V5_TEMPLATE = compileTemplate(V5_TEMPLATE_ID, LAYOUT.map(([id, len]): WireField => ({ id, len, pen: 0 })), false, 0);

export function decodeV5(b: Buffer, src: PacketSource, st: DecoderState, out: NetflowOutput): void {
  if (b.length < HEADER) {
    reject(out, src, `v5 header needs ${HEADER} bytes, got ${b.length}`, b);
    return;
  }
  const count = b.readUInt16BE(2);
  const room = Math.floor((b.length - HEADER) / RECORD);
  if (count === 0 || count > 30) {
    reject(out, src, `v5 record count ${count} is outside 1..30`, b);
    return;
  }
  // Domain per engine type/id: two engines of one router keep separate sampling state.
  const domain = st.cache.domain(src.exporter, (b[20]! << 8) | b[21]!);
  if (domain === undefined) {
    reject(out, src, 'too many exporters; datagram refused', b);
    return;
  }
  domain.templates.set(V5_TEMPLATE_ID, V5_TEMPLATE);
  const pc: PacketContext = {
    ...src,
    exportMs: b.readUInt32BE(8) * 1000 + Math.floor(b.readUInt32BE(12) / 1e6),
    sysUptime: b.readUInt32BE(4),
    headerSampling: b.readUInt16BE(22) & 0x3fff,
    domain,
  };
  const n = Math.min(count, room);
  dataSet(b, HEADER, HEADER + n * RECORD, V5_TEMPLATE_ID, pc, st, out);
  if (n < count) reject(out, src, `v5 header announces ${count} records, datagram holds ${n}`, b);
}
