/**
 * Builds real NetFlow v5, v9 and IPFIX datagrams for tests and benchmarks, byte by byte as the
 * RFCs lay them out (RFC 3954, RFC 7011), so tests never depend on captured files.
 */

export interface FieldSpec {
  readonly id: number;
  readonly len: number;
  /** Private enterprise number (IPFIX only). */
  readonly pen?: number;
}

/** A value for a record: an unsigned integer of the field's length, an address, or raw bytes. */
export type Value = number | bigint | string | Uint8Array;

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function ipBytes(ip: string): Buffer {
  if (!ip.includes(':')) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const hs = head ? head.split(':') : [];
  const ts = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...hs, ...Array<string>(8 - hs.length - ts.length).fill('0'), ...ts] : hs;
  return Buffer.concat(groups.map((g) => u16(parseInt(g, 16))));
}

/** Encode one value in `len` bytes (big-endian for numbers). */
export function encode(value: Value, len: number): Buffer {
  if (typeof value === 'string') return ipBytes(value);
  if (value instanceof Uint8Array) return Buffer.from(value);
  const b = Buffer.alloc(len);
  let x = BigInt(value);
  for (let i = len - 1; i >= 0; i--) {
    b[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return b;
}

/** A record: values in template order, each encoded at its field's length. */
export function record(fields: readonly FieldSpec[], values: readonly Value[]): Buffer {
  return Buffer.concat(fields.map((f, i) => encode(values[i]!, f.len)));
}

/** RFC 7011 variable-length encoding: one length byte, or 255 and two length bytes. */
export function varlen(bytes: Uint8Array): Buffer {
  const head = bytes.length < 255 ? Buffer.from([bytes.length]) : Buffer.concat([Buffer.from([255]), u16(bytes.length)]);
  return Buffer.concat([head, bytes]);
}

function set(id: number, body: Buffer, pad = 0): Buffer {
  return Buffer.concat([u16(id), u16(4 + body.length + pad), body, Buffer.alloc(pad)]);
}

export function v9TemplateSet(templates: readonly { id: number; fields: readonly FieldSpec[] }[]): Buffer {
  return set(0, Buffer.concat(templates.flatMap((t) => [u16(t.id), u16(t.fields.length), ...t.fields.flatMap((f) => [u16(f.id), u16(f.len)])])));
}

export function v9OptionsTemplateSet(id: number, scope: readonly FieldSpec[], options: readonly FieldSpec[]): Buffer {
  const fields = [...scope, ...options].flatMap((f) => [u16(f.id), u16(f.len)]);
  return set(1, Buffer.concat([u16(id), u16(scope.length * 4), u16(options.length * 4), ...fields]), 2);
}

export function dataSet(id: number, records: readonly Buffer[], pad = 0): Buffer {
  return set(id, Buffer.concat(records), pad);
}

export function v9Packet(h: { sysUptime: number; unixSecs: number; seq?: number; sourceId?: number }, sets: readonly Buffer[], count = sets.length): Buffer {
  return Buffer.concat([u16(9), u16(count), u32(h.sysUptime), u32(h.unixSecs), u32(h.seq ?? 0), u32(h.sourceId ?? 0), ...sets]);
}

function ipfixFields(fields: readonly FieldSpec[]): Buffer[] {
  return fields.flatMap((f) => (f.pen ? [u16(f.id | 0x8000), u16(f.len), u32(f.pen)] : [u16(f.id), u16(f.len)]));
}

export function ipfixTemplateSet(templates: readonly { id: number; fields: readonly FieldSpec[] }[]): Buffer {
  return set(2, Buffer.concat(templates.flatMap((t) => [u16(t.id), u16(t.fields.length), ...ipfixFields(t.fields)])));
}

export function ipfixOptionsTemplateSet(id: number, scopeCount: number, fields: readonly FieldSpec[]): Buffer {
  return set(3, Buffer.concat([u16(id), u16(fields.length), u16(scopeCount), ...ipfixFields(fields)]), 2);
}

export function ipfixPacket(h: { exportTime: number; seq?: number; domain?: number }, sets: readonly Buffer[]): Buffer {
  const body = Buffer.concat(sets);
  return Buffer.concat([u16(10), u16(16 + body.length), u32(h.exportTime), u32(h.seq ?? 0), u32(h.domain ?? 0), body]);
}

export interface V5Flow {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  proto: number;
  packets: number;
  bytes: number;
  first: number;
  last: number;
  flags?: number;
  input?: number;
  output?: number;
}

export function v5Packet(h: { sysUptime: number; unixSecs: number; unixNsecs?: number; sampling?: number }, flows: readonly V5Flow[], count = flows.length): Buffer {
  const head = Buffer.concat([u16(5), u16(count), u32(h.sysUptime), u32(h.unixSecs), u32(h.unixNsecs ?? 0), u32(0), Buffer.from([0, 0]), u16(h.sampling ?? 0)]);
  const recs = flows.map((f) =>
    Buffer.concat([
      ipBytes(f.src), ipBytes(f.dst), ipBytes('0.0.0.0'), u16(f.input ?? 0), u16(f.output ?? 0),
      u32(f.packets), u32(f.bytes), u32(f.first), u32(f.last), u16(f.sport), u16(f.dport),
      Buffer.from([0, f.flags ?? 0, f.proto, 0]), u16(0), u16(0), Buffer.from([0, 0]), u16(0),
    ]),
  );
  return Buffer.concat([head, ...recs]);
}

/**
 * Re-frame a v9 datagram with templates and data (no options) as IPFIX: same records, IPFIX
 * header and set ids. Used to measure the IPFIX path on the same content.
 */
export function v9ToIpfix(v9: Buffer): Buffer {
  const sets: Buffer[] = [];
  for (let p = 20; p + 4 <= v9.length; ) {
    const id = v9.readUInt16BE(p);
    const len = v9.readUInt16BE(p + 2);
    if (len < 4) break;
    const copy = Buffer.from(v9.subarray(p, p + len));
    if (id === 0) copy.writeUInt16BE(2, 0);
    sets.push(copy);
    p += len;
  }
  return ipfixPacket({ exportTime: v9.readUInt32BE(8), seq: v9.readUInt32BE(12), domain: v9.readUInt32BE(16) }, sets);
}
