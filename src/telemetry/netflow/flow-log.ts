import { close, closeSync, fstatSync, fsync, mkdirSync, openSync, readdirSync, readSync, write } from 'node:fs';
import { join } from 'node:path';
import type { VaernEvent } from '../../model/event.ts';
import { IANA_NUMBER, TRANSPORT, ipv4, ipv6 } from './format.ts';
import * as I from './ie.ts';
import { CONNECTION, NETWORK, samplingFactor, scratch as v, settleRecord, type PacketContext } from './record.ts';

/**
 * The collector's own flow log: an append-only binary file per collector run under the store
 * directory (`flows-<startMs>-<pid>.vfl`).
 *
 * Why not the DuckDB event store: its appender takes about 6,500 events/s in this process
 * (measured with 100k NetFlow events), two orders of magnitude below what a NetFlow collector has
 * to absorb (0.5M records/s and more). This log takes a fixed 120-byte record per flow, written
 * by the decoder straight from its scratch slots (no event object, no address text), so
 * `vaern collect` keeps up with the wire; loading it into the event store can happen off the
 * receive path.
 *
 * Kept per flow: times, both ends' address and port, protocol, TCP flags, bytes and packets per
 * direction (sampling applied), interfaces, direction, sampling interval, exporter, tenant and
 * sensor. NAT, AS and MAC fields are not kept here. Read back, a record is the decoder's event
 * for that flow without those fields. No serialisation library: a fixed layout filled with
 * DataView stores is what one would generate, minus the per-record object it would want.
 *
 * Layout: the magic `VAERNFL2`, then chunks of [u32 type][u32 n]:
 *   type 1: a string (tenant, sensor, exporter) of n UTF-8 bytes; ids count from 0 per file;
 *   type 2: n flow records of RECORD bytes, little-endian:
 *     0 timestamp, 8 start, 16 end, 24/32 source bytes/packets, 40/48 destination bytes/packets
 *       (f64 each, NaN = absent; times in epoch ms);
 *     56 source, 72 destination address (16 bytes; IPv4 as ::ffff:a.b.c.d);
 *     88 source port, 90 destination port (u16); 92 protocol (u8); 93 address kinds (A_* bits);
 *     94 TCP flags (u16); 96 ingress, 100 egress interface (u32: ifIndex is unsigned32);
 *     104 tenant, 106 sensor, 108 exporter string ids (u16); 110 direction (u8: 1 ingress,
 *     2 egress); 111 presence (P_* bits); 112 sampling interval (f64; 1 = unsampled).
 * A crash can leave a partial last chunk; readers count only its whole records. Files of another
 * magic (the VAERNFL1 layout) are not read.
 */

const MAGIC = Buffer.from('VAERNFL2');
const T_STRING = 1;
const T_FLOWS = 2;
export const RECORD = 120;
const BUFFER = 1 << 20;

// Presence bits.
const P_SRC = 1;
const P_DST = 2;
const P_SPORT = 4;
const P_DPORT = 8;
const P_PROTO = 16;
const P_FLAGS = 32;
const P_IN = 64;
const P_OUT = 128;
// Address kinds: an IPv6 address that happens to be IPv4-mapped stays IPv6 text when read back.
const A_SRC6 = 1;
const A_DST6 = 2;
const NONE = 0;
const IPV4 = 1;
const IPV6 = 2;
/** The integer fields: scratch slot, offset in the record, size, presence bit. */
const INTEGERS: readonly (readonly [slot: number, at: number, size: 1 | 2 | 4, bit: number])[] = [
  [I.S_SPORT, 88, 2, P_SPORT],
  [I.S_DPORT, 90, 2, P_DPORT],
  [I.S_PROTO, 92, 1, P_PROTO],
  [I.S_FLAGS, 94, 2, P_FLAGS],
  [I.S_IN, 96, 4, P_IN],
  [I.S_OUT, 100, 4, P_OUT],
];
const DIRECTIONS = ['', 'ingress', 'egress'] as const;

export interface FlowLogWriter {
  /** Write the flow record the decoder holds in its scratch slots (a decoder `onRecord` sink). */
  record(b: Buffer, pc: PacketContext): void;
  /** Hand buffered records to the file (written in the background, not synced). */
  drain(): void;
  /** Write buffered records to the file and sync it. */
  flush(): Promise<void>;
  /** Flush, then close the file. */
  close(): Promise<void>;
  /** Records written so far. */
  readonly written: number;
}

export function openFlowLog(dir: string): FlowLogWriter {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, `flows-${Date.now()}-${process.pid}.vfl`), 'a');
  // Zeroed once per buffer, so absent fields cost nothing per record.
  let buf: Buffer = Buffer.alloc(BUFFER);
  let view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const strings = new Map<string, number>();
  let len = 0;
  let chunkAt = -1;
  let chunkCount = 0;
  let written = 0;
  MAGIC.copy(buf, 0);
  len = MAGIC.length;

  const closeChunk = (): void => {
    if (chunkAt >= 0) buf.writeUInt32LE(chunkCount, chunkAt + 4);
    chunkAt = -1;
    chunkCount = 0;
  };
  // Full buffers are written on libuv's thread pool, one at a time and in order, so a slow disk
  // never blocks the thread that reads the socket (a blocked reader is a full socket buffer).
  // Written buffers are reused: a fresh 1 MiB per drain cost more in page faults and GC than
  // encoding the records in it (about 0.7 µs of CPU per record at 0.6M records/s).
  const queue: { buf: Buffer; at: number; end: number }[] = [];
  const free: Buffer[] = [];
  let writing = false;
  let failure: Error | undefined;
  const idle: (() => void)[] = [];
  const pump = (): void => {
    const next = queue[0];
    if (next === undefined) {
      writing = false;
      for (const done of idle.splice(0)) done();
      return;
    }
    writing = true;
    write(fd, next.buf, next.at, next.end - next.at, null, (err, n) => {
      if (err) {
        failure ??= err;
        for (const q of queue.splice(0)) free.push(q.buf);
      } else if (next.at + n < next.end) next.at += n;
      else free.push(queue.shift()!.buf);
      pump();
    });
  };
  const drain = (): void => {
    closeChunk();
    if (len === 0) return;
    queue.push({ buf, at: 0, end: len });
    const reused = free.pop();
    buf = reused === undefined ? Buffer.alloc(BUFFER) : reused.fill(0);
    view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    len = 0;
    if (!writing) pump();
  };
  const settled = async (): Promise<void> => {
    drain();
    if (writing) await new Promise<void>((resolve) => idle.push(resolve));
    if (failure) throw failure;
    await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
  };
  const idOf = (s: string): number => {
    let id = strings.get(s);
    if (id !== undefined) return id;
    // Records hold u16 ids. Exporters are bounded by the template cache's domain limit long
    // before this; should it be raised that far, the datagram becomes a reject, not a wrong id.
    if (strings.size > 0xffff) throw new Error('flow log: more than 65,536 distinct tenants, sensors and exporters in one file');
    const bytes = Buffer.from(s, 'utf8');
    if (len + 8 + bytes.length > BUFFER) drain();
    closeChunk();
    buf.writeUInt32LE(T_STRING, len);
    buf.writeUInt32LE(bytes.length, len + 4);
    bytes.copy(buf, len + 8);
    len += 8 + bytes.length;
    id = strings.size;
    strings.set(s, id);
    return id;
  };
  // Every record of a datagram shares its context: the string ids are looked up once per datagram.
  let idsOf: PacketContext | undefined;
  let tenant = 0;
  let sensor = 0;
  let observer = 0;

  /** An address from the scratch slots (IPv4 value, or IPv6 offset into `b`) into 16 zeroed bytes at `at`. */
  const putAddress = (b: Buffer, at: number, v4: number, v6: number): number => {
    if (v4 === v4) {
      view.setUint16(at + 10, 0xffff);
      view.setUint32(at + 12, v4);
      return IPV4;
    }
    if (v6 !== v6) return NONE;
    b.copy(buf, at, v6, v6 + 16);
    return IPV6;
  };

  return {
    record(b, pc) {
      if (pc !== idsOf) {
        tenant = idOf(pc.tenant);
        sensor = idOf(pc.sensor);
        observer = idOf(pc.exporter);
        idsOf = pc;
      }
      if (len + 8 + RECORD > BUFFER) drain();
      if (chunkAt < 0) {
        chunkAt = len;
        buf.writeUInt32LE(T_FLOWS, len);
        len += 8;
      }
      const o = len;
      const ts = settleRecord(pc);
      const k = samplingFactor(pc);
      // DataView stores are inlined by V8; Buffer's write*LE took 3x as long per record in a
      // micro-benchmark (each double passed to it is boxed).
      const d = view;
      d.setFloat64(o, ts, true);
      d.setFloat64(o + 8, v[I.S_START]!, true);
      d.setFloat64(o + 16, v[I.S_END]!, true);
      d.setFloat64(o + 24, v[I.S_BYTES]! * k, true);
      d.setFloat64(o + 32, v[I.S_PKTS]! * k, true);
      d.setFloat64(o + 40, v[I.S_RBYTES]! * k, true);
      d.setFloat64(o + 48, v[I.S_RPKTS]! * k, true);
      let p = 0;
      let kinds = 0;
      const srcKind = putAddress(b, o + 56, v[I.S_SRC4]!, v[I.S_SRC6]!);
      if (srcKind !== NONE) p |= P_SRC;
      if (srcKind === IPV6) kinds |= A_SRC6;
      const dstKind = putAddress(b, o + 72, v[I.S_DST4]!, v[I.S_DST6]!);
      if (dstKind !== NONE) p |= P_DST;
      if (dstKind === IPV6) kinds |= A_DST6;
      for (const [slot, at, size, bit] of INTEGERS) {
        const x = v[slot]!;
        if (x !== x) continue;
        if (size === 1) d.setUint8(o + at, x);
        else if (size === 2) d.setUint16(o + at, x, true);
        else d.setUint32(o + at, x, true);
        p |= bit;
      }
      d.setUint8(o + 93, kinds);
      d.setUint16(o + 104, tenant, true);
      d.setUint16(o + 106, sensor, true);
      d.setUint16(o + 108, observer, true);
      const dir = v[I.S_DIR]!;
      d.setUint8(o + 110, dir === 0 ? 1 : dir === 1 ? 2 : 0);
      d.setUint8(o + 111, p);
      d.setFloat64(o + 112, k, true);
      len += RECORD;
      chunkCount++;
      written++;
    },
    drain,
    flush: settled,
    async close() {
      try {
        await settled();
      } finally {
        await new Promise<void>((resolve) => close(fd, () => resolve()));
      }
    },
    get written() {
      return written;
    },
  };
}

function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.vfl')).sort().map((n) => join(dir, n));
}

/** Walk one file's chunks; `onFlows` gets the file handle, offset of the first record and whole-record count. */
function walk(path: string, onString: (s: string) => void, onFlows: (fd: number, at: number, n: number) => void): void {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    let at = MAGIC.length;
    if (readSync(fd, head, 0, 8, 0) < 8 || !head.equals(MAGIC)) return;
    for (;;) {
      if (readSync(fd, head, 0, 8, at) < 8) return;
      const type = head.readUInt32LE(0);
      const n = head.readUInt32LE(4);
      at += 8;
      if (type === T_STRING) {
        const s = Buffer.alloc(n);
        if (readSync(fd, s, 0, n, at) < n) return;
        onString(s.toString('utf8'));
        at += n;
      } else if (type === T_FLOWS) {
        // A chunk cut by a crash holds fewer records than its count says.
        const whole = Math.min(n, Math.floor(Math.max(0, fstatSync(fd).size - at) / RECORD));
        onFlows(fd, at, whole);
        at += whole * RECORD;
        if (whole < n) return;
      } else return;
    }
  } finally {
    closeSync(fd);
  }
}

/** Flow records stored under `dir`. */
export function countFlows(dir: string): number {
  let n = 0;
  for (const f of logFiles(dir)) walk(f, () => undefined, (_fd, _at, count) => (n += count));
  return n;
}

/** Read the stored flows back as events, one array per chunk. */
export function* readFlows(dir: string): Generator<VaernEvent[]> {
  for (const f of logFiles(dir)) {
    const strings: string[] = [];
    const batches: VaernEvent[][] = [];
    walk(f, (s) => strings.push(s), (fd, at, n) => {
      const b = Buffer.alloc(n * RECORD);
      readSync(fd, b, 0, b.length, at);
      const out: VaernEvent[] = [];
      for (let i = 0; i < n; i++) out.push(decodeRecord(b, i * RECORD, strings));
      batches.push(out);
    });
    yield* batches;
  }
}

/** A stored record as the decoder's event for the flow (without the NAT, AS and MAC fields it does not keep). */
function decodeRecord(b: Buffer, o: number, strings: readonly string[]): VaernEvent {
  const p = b[o + 111]!;
  const kinds = b[o + 93]!;
  const e: VaernEvent = {
    '@timestamp': b.readDoubleLE(o),
    'vaern.tenant': strings[b.readUInt16LE(o + 104)] ?? '',
    'vaern.format': 'netflow',
    'event.kind': 'event',
    'event.category': NETWORK,
    'event.type': CONNECTION,
  };
  const sensor = strings[b.readUInt16LE(o + 106)];
  if (sensor) e['vaern.sensor'] = sensor;
  const observer = strings[b.readUInt16LE(o + 108)];
  if (observer) e['observer.ip'] = observer;
  const num = (at: number, field: 'event.start' | 'event.end' | 'source.bytes' | 'source.packets' | 'destination.bytes' | 'destination.packets'): void => {
    const x = b.readDoubleLE(o + at);
    if (x === x) e[field] = x;
  };
  num(8, 'event.start');
  num(16, 'event.end');
  const start = e['event.start'];
  const end = e['event.end'];
  if (start !== undefined && end !== undefined && end >= start) e['event.duration'] = (end - start) * 1e6;
  num(24, 'source.bytes');
  num(32, 'source.packets');
  num(40, 'destination.bytes');
  num(48, 'destination.packets');
  const bytes = (e['source.bytes'] ?? 0) + (e['destination.bytes'] ?? 0);
  const pkts = (e['source.packets'] ?? 0) + (e['destination.packets'] ?? 0);
  if (e['source.bytes'] !== undefined || e['destination.bytes'] !== undefined) e['network.bytes'] = bytes;
  if (e['source.packets'] !== undefined || e['destination.packets'] !== undefined) e['network.packets'] = pkts;
  if (p & P_SRC) {
    const six = (kinds & A_SRC6) !== 0;
    e['source.ip'] = six ? ipv6(b, o + 56) : ipv4(b.readUInt32BE(o + 68));
    e['network.type'] = six ? 'ipv6' : 'ipv4';
  }
  if (p & P_DST) e['destination.ip'] = kinds & A_DST6 ? ipv6(b, o + 72) : ipv4(b.readUInt32BE(o + 84));
  if (p & P_SPORT) e['source.port'] = b.readUInt16LE(o + 88);
  if (p & P_DPORT) e['destination.port'] = b.readUInt16LE(o + 90);
  if (p & P_PROTO) {
    const proto = b[o + 92]!;
    e['network.iana_number'] = IANA_NUMBER[proto]!;
    const t = TRANSPORT[proto];
    if (t !== undefined) e['network.transport'] = t;
  }
  if (p & P_FLAGS) e['vaern.tcp_flags'] = b.readUInt16LE(o + 94);
  if (p & P_IN) e['observer.ingress.interface.id'] = String(b.readUInt32LE(o + 96));
  if (p & P_OUT) e['observer.egress.interface.id'] = String(b.readUInt32LE(o + 100));
  const dir = DIRECTIONS[b[o + 110]!];
  if (dir) e['network.direction'] = dir;
  const k = b.readDoubleLE(o + 112);
  if (k > 1) e['vaern.sampling_interval'] = k;
  return e;
}
