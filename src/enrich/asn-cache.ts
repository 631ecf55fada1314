import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AsnTables } from './asn-csv.ts';

/**
 * The parsed ASN tables in a compact binary file, so later starts skip the CSV parse.
 *
 * Layout (little-endian, as the typed arrays are in memory): magic `VAERNASN`, format version,
 * then u32 counts [n4, n6, nAsns, keyBytes, namesBytes], the source key (UTF-8, padded to 4),
 * the arrays starts4, ends4, starts6, ends6, asNumbers, asns, and the names joined by `\n`.
 * A file with another magic, version or key is ignored (and rewritten by the caller).
 */

const MAGIC = 'VAERNASN';
const VERSION = 1;
const FILE = 'asn-tables.bin';

export function readAsnCache(dir: string, key: string): AsnTables | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(join(dir, FILE));
  } catch {
    return undefined;
  }
  if (buf.length < 36 || buf.toString('latin1', 0, 8) !== MAGIC || buf.readUInt32LE(8) !== VERSION) return undefined;
  const [n4, n6, nAs, keyBytes, namesBytes] = [0, 1, 2, 3, 4].map((i) => buf.readUInt32LE(12 + i * 4)) as [number, number, number, number, number];
  let at = 32;
  if (buf.toString('utf8', at, at + keyBytes) !== key) return undefined;
  at += pad4(keyBytes);
  // Views on the file's bytes (no copy: the arrays are most of the file); a copy only when the
  // buffer does not start on a 4-byte boundary, which typed arrays need.
  const aligned = buf.byteOffset % 4 === 0;
  const words = (count: number): Uint32Array => {
    const from = buf.byteOffset + at;
    at += count * 4;
    return aligned ? new Uint32Array(buf.buffer, from, count) : new Uint32Array(buf.buffer.slice(from, from + count * 4));
  };
  const starts4 = words(n4);
  const ends4 = words(n4);
  const starts6 = words(n6 * 4);
  const ends6 = words(n6 * 4);
  const asNumbers = words(n4 + n6);
  const asns = words(nAs);
  if (at + namesBytes !== buf.length) return undefined;
  const names = buf.toString('utf8', at, at + namesBytes).split('\n');
  if (names.length !== nAs) return undefined;
  return { starts4, ends4, starts6, ends6, asNumbers, asns, names };
}

/** Write the cache (atomically: a reader never sees half a file). Failures are not fatal. */
export function writeAsnCache(dir: string, key: string, t: AsnTables): boolean {
  if (t.names.some((n) => n.includes('\n'))) return false;
  const keyBuf = Buffer.from(key, 'utf8');
  const namesBuf = Buffer.from(t.names.join('\n'), 'utf8');
  const header = Buffer.alloc(32);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 8);
  [t.starts4.length, t.starts6.length / 4, t.asns.length, keyBuf.length, namesBuf.length].forEach((v, i) => header.writeUInt32LE(v, 12 + i * 4));
  const arrays = [t.starts4, t.ends4, t.starts6, t.ends6, t.asNumbers, t.asns].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const parts = [header, keyBuf, Buffer.alloc(pad4(keyBuf.length) - keyBuf.length), ...arrays, namesBuf];
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, Buffer.concat(parts));
    renameSync(tmp, join(dir, FILE));
    return true;
  } catch {
    return false;
  }
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
