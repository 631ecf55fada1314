import { existsSync, statSync } from 'node:fs';
import type { IpAddr } from './ip.ts';
import { readAsnCache, writeAsnCache } from './asn-cache.ts';
import { parseAsnCsv, type AsnPaths, type AsnTables } from './asn-csv.ts';
import { packageFile } from './package-data.ts';
import { indexOf, Ranges4, Ranges6 } from './range-table.ts';

/**
 * Autonomous system (number and organisation) of an IP address, from the CSV files that
 * `@ip-location-db/asn` ships (RouteViews + DB-IP, CC BY 4.0).
 *
 * ~515k ranges sit in typed arrays searched by binary search; organisation names are kept once
 * per AS. Parsing the CSVs takes a fraction of a second to a second (more on a busy host), so
 * with a cache directory the parsed tables are also written in a compact binary form and read
 * back on later starts (see asn-cache.ts); the cache is keyed on the CSV files' size and mtime.
 */

export interface AsInfo {
  readonly number: number;
  readonly organization: string;
}

export type { AsnPaths } from './asn-csv.ts';
export { AsnFormatError } from './asn-csv.ts';

export function defaultAsnPaths(): AsnPaths {
  return { ipv4: packageFile('@ip-location-db/asn/asn-ipv4-num.csv'), ipv6: packageFile('@ip-location-db/asn/asn-ipv6.csv') };
}

export interface AsnLoadOptions {
  /** Default: the files the npm package ships. */
  readonly paths?: AsnPaths;
  /** Directory for the binary cache (created if missing); none: always parse the CSVs. */
  readonly cacheDir?: string;
}

export class AsnDb {
  private readonly v4: Ranges4;
  private readonly v6: Ranges6;
  /** AS number per row (IPv4 rows first, then IPv6); the range tables' values are row numbers. */
  private readonly asNumbers: Uint32Array;
  /** Distinct AS numbers, ascending, and the organisation name of each. */
  private readonly asns: Uint32Array;
  private readonly names: readonly string[];
  /** The arrays behind the lookups, as the cache stores them. */
  readonly tables: AsnTables;

  constructor(tables: AsnTables) {
    const n4 = tables.starts4.length;
    const n6 = tables.starts6.length / 4;
    this.tables = tables;
    this.v4 = new Ranges4(tables.starts4, tables.ends4, sequence(0, n4));
    this.v6 = new Ranges6(tables.starts6, tables.ends6, sequence(n4, n6));
    this.asNumbers = tables.asNumbers;
    this.asns = tables.asns;
    this.names = tables.names;
  }

  /** Load synchronously (once per process), from the cache when it is current. */
  static load(opts: AsnLoadOptions = {}): AsnDb {
    const paths = opts.paths ?? defaultAsnPaths();
    if (opts.cacheDir === undefined) return new AsnDb(parseAsnCsv(paths));
    const key = sourceKey(paths);
    const cached = readAsnCache(opts.cacheDir, key);
    if (cached !== undefined) return new AsnDb(cached);
    const tables = parseAsnCsv(paths);
    writeAsnCache(opts.cacheDir, key, tables);
    return new AsnDb(tables);
  }

  /** Row of the range holding `addr`, or -1: lets the pipeline fill two fields from one search. */
  row(addr: IpAddr): number {
    return addr.version === 4 ? this.v4.find(addr.v4) : addr.version === 6 ? this.v6.find(addr.v6) : -1;
  }

  numberAt(row: number): number {
    return this.asNumbers[row]!;
  }

  organizationAt(row: number): string {
    return this.names[indexOf(this.asns, this.asNumbers[row]!)]!;
  }

  lookup(addr: IpAddr): AsInfo | undefined {
    const r = this.row(addr);
    return r < 0 ? undefined : { number: this.numberAt(r), organization: this.organizationAt(r) };
  }

  /** Sizes, for diagnostics and the benchmark. */
  get stats(): { ranges4: number; ranges6: number; autonomousSystems: number; tableBytes: number } {
    const typed = [this.v4.starts, this.v4.ends, this.v4.values, this.v6.starts, this.v6.ends, this.v6.values, this.asNumbers, this.asns];
    const tableBytes = typed.reduce((sum, a) => sum + a.byteLength, 0);
    return { ranges4: this.v4.length, ranges6: this.v6.length, autonomousSystems: this.asns.length, tableBytes };
  }
}

/** Row numbers from..from+n-1: range i of a family is row `from + i`. */
function sequence(from: number, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = from + i;
  return out;
}

/** Identifies the CSV files' contents cheaply: a package update changes size or mtime. */
function sourceKey(paths: AsnPaths): string {
  return [paths.ipv4, paths.ipv6].map((p) => (existsSync(p) ? `${p}:${statSync(p).size}:${statSync(p).mtimeMs}` : p)).join('|');
}
