import { readFileSync } from 'node:fs';
import { parseIPv6Into } from './ip.ts';
import { indexOf } from './range-table.ts';

/**
 * Parser for `@ip-location-db/asn` CSV files: `asn-ipv4-num.csv` (start and end as integers) and
 * `asn-ipv6.csv` (start and end as text), rows `start,end,asn,organisation`, sorted by start.
 * Rows are read straight from the file bytes into typed arrays: no per-row objects or strings.
 */

export interface AsnPaths {
  readonly ipv4: string;
  readonly ipv6: string;
}

/** The parsed tables: ranges per family (IPv6 as four words per bound), AS per row, names per AS. */
export interface AsnTables {
  readonly starts4: Uint32Array;
  readonly ends4: Uint32Array;
  readonly starts6: Uint32Array;
  readonly ends6: Uint32Array;
  /** AS number of each row, IPv4 rows first. */
  readonly asNumbers: Uint32Array;
  /** Distinct AS numbers, ascending, and the organisation name of each. */
  readonly asns: Uint32Array;
  readonly names: readonly string[];
}

export class AsnFormatError extends Error {
  override name = 'AsnFormatError';
}

export function parseAsnCsv(paths: AsnPaths): AsnTables {
  const b4 = readFileSync(paths.ipv4);
  const b6 = readFileSync(paths.ipv6);
  const l4 = countLines(b4);
  const l6 = countLines(b6);
  const sink = new RowSink(l4 + l6);
  const four = ipv4Bounds(l4);
  const n4 = parseRows(b4, paths.ipv4, sink, four);
  const six = ipv6Bounds(l6);
  const n6 = parseRows(b6, paths.ipv6, sink, six);
  const { asns, names } = sink.organizations();
  return {
    starts4: four.starts.subarray(0, n4),
    ends4: four.ends.subarray(0, n4),
    starts6: six.starts.subarray(0, n6 * 4),
    ends6: six.ends.subarray(0, n6 * 4),
    asNumbers: sink.asNumbers.subarray(0, sink.count),
    asns,
    names,
  };
}

/**
 * Collects the AS number of each row and where its organisation name sits in the file.
 *
 * Every AS number has exactly one organisation name in the upstream files (checked when the
 * package was pinned), so names are stored per AS, not per row. Decoding a string per row and
 * interning it through a map dominated load time; instead the distinct AS numbers are found by a
 * native typed-array sort and one name is decoded for each (~90k instead of ~515k strings).
 */
class RowSink {
  readonly asNumbers: Uint32Array;
  private readonly orgStart: Uint32Array;
  private readonly orgEnd: Uint32Array;
  private readonly bufs: Buffer[] = [];
  /** Row index where each buffer's rows begin. */
  private readonly firstRows: number[] = [];
  count = 0;

  constructor(capacity: number) {
    this.asNumbers = new Uint32Array(capacity);
    this.orgStart = new Uint32Array(capacity);
    this.orgEnd = new Uint32Array(capacity);
  }

  beginFile(buf: Buffer): void {
    this.bufs.push(buf);
    this.firstRows.push(this.count);
  }

  add(asn: number, start: number, end: number): void {
    this.asNumbers[this.count] = asn;
    this.orgStart[this.count] = start;
    this.orgEnd[this.count] = end;
    this.count++;
  }

  /** Distinct AS numbers, ascending, with the organisation name of each. */
  organizations(): { asns: Uint32Array; names: string[] } {
    const sorted = this.asNumbers.slice(0, this.count).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
    const asns = sorted.slice(0, n);
    const names = new Array<string>(n);
    let file = 0;
    for (let row = 0; row < this.count; row++) {
      while (file + 1 < this.firstRows.length && row >= this.firstRows[file + 1]!) file++;
      const k = indexOf(asns, this.asNumbers[row]!);
      if (names[k] === undefined) names[k] = organization(this.bufs[file]!, this.orgStart[row]!, this.orgEnd[row]!);
    }
    return { asns, names };
  }
}

/** Reads the first two columns of a row into typed arrays; returns false when they are invalid. */
interface BoundsReader {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  read(buf: Buffer, row: number, s0: number, e0: number, s1: number, e1: number): boolean;
  /** True when row `row` starts after row `row - 1` ends (the file must be sorted). */
  ordered(row: number): boolean;
}

function ipv4Bounds(rows: number): BoundsReader {
  const starts = new Uint32Array(rows);
  const ends = new Uint32Array(rows);
  return {
    starts,
    ends,
    read(buf, row, s0, e0, s1, e1) {
      const a = readUint(buf, s0, e0);
      const b = readUint(buf, s1, e1);
      if (a < 0 || b < a || b > 0xffffffff) return false;
      starts[row] = a;
      ends[row] = b;
      return true;
    },
    // The upstream file has a few ranges that overlap their predecessor; sorted starts suffice.
    ordered: (row) => row === 0 || starts[row]! >= starts[row - 1]!,
  };
}

const scratch6 = new Uint32Array(4);

function ipv6Bounds(rows: number): BoundsReader {
  const starts = new Uint32Array(rows * 4);
  const ends = new Uint32Array(rows * 4);
  return {
    starts,
    ends,
    read(buf, row, s0, e0, s1, e1) {
      if (!parseIPv6Into(buf.toString('latin1', s0, e0), scratch6)) return false;
      starts.set(scratch6, row * 4);
      if (!parseIPv6Into(buf.toString('latin1', s1, e1), scratch6)) return false;
      ends.set(scratch6, row * 4);
      return true;
    },
    ordered(row) {
      if (row === 0) return true;
      for (let k = 0; k < 4; k++) {
        const d = starts[row * 4 + k]! - starts[(row - 1) * 4 + k]!;
        if (d !== 0) return d > 0;
      }
      return true;
    },
  };
}

/** Parse `start,end,asn,organisation` rows. The organisation is the rest of the line, maybe quoted. */
function parseRows(buf: Buffer, file: string, sink: RowSink, bounds: BoundsReader): number {
  sink.beginFile(buf);
  let row = 0;
  let pos = 0;
  let line = 0;
  while (pos < buf.length) {
    line++;
    let eol = buf.indexOf(10, pos);
    if (eol < 0) eol = buf.length;
    const c1 = buf.indexOf(44, pos);
    const c2 = c1 < 0 ? -1 : buf.indexOf(44, c1 + 1);
    const c3 = c2 < 0 ? -1 : buf.indexOf(44, c2 + 1);
    if (eol > pos) {
      if (c3 < 0 || c3 > eol) throw new AsnFormatError(`${file}:${line}: expected start,end,asn,organisation`);
      const asn = readUint(buf, c2 + 1, c3);
      if (asn < 0 || !bounds.read(buf, row, pos, c1, c1 + 1, c2)) throw new AsnFormatError(`${file}:${line}: bad address range or AS number`);
      if (!bounds.ordered(row)) throw new AsnFormatError(`${file}:${line}: ranges are not sorted by start address`);
      let end = eol;
      if (end > c3 && buf[end - 1] === 13) end--;
      sink.add(asn, c3 + 1, end);
      row++;
    }
    pos = eol + 1;
  }
  return row;
}

function organization(buf: Buffer, start: number, end: number): string {
  if (buf[start] !== 34) return buf.toString('utf8', start, end);
  // RFC 4180 quoting: "LLC ""SPUTNIK""" -> LLC "SPUTNIK".
  const inner = buf.toString('utf8', start + 1, buf[end - 1] === 34 ? end - 1 : end);
  return inner.includes('""') ? inner.replaceAll('""', '"') : inner;
}

/** Non-negative decimal integer in `buf[start, end)`, or -1. */
function readUint(buf: Buffer, start: number, end: number): number {
  if (end <= start || end - start > 10) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function countLines(buf: Buffer): number {
  let n = 0;
  let pos = -1;
  while ((pos = buf.indexOf(10, pos + 1)) >= 0) n++;
  return buf.length > 0 && buf[buf.length - 1] !== 10 ? n + 1 : n;
}
