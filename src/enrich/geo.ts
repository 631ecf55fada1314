import { readFileSync } from 'node:fs';
import { Reader, type Response } from 'maxmind';
import { formatIPv4, type IpAddr } from './ip.ts';
import { packageFile } from './package-data.ts';

/**
 * Country of an IP address from the `geo-whois-asn-country` MaxMind-format database that
 * `@ip-location-db/geo-whois-asn-country-mmdb` ships (CC0, IPv4 and IPv6 in one file, ~8 MB,
 * read into memory once).
 *
 * `maxmind`'s reader parses the metadata and decodes the records. The search tree is walked here,
 * on the already-parsed address words: the reader's `get(text)` re-parses the address text,
 * walks through a closure per node and decodes (allocates) the record on every call, which made
 * it the costliest step of the enrichment pass. Records are decoded once per data pointer and
 * kept (the database has one record per country, a few hundred in all).
 *
 * Callers skip special-purpose addresses first (the pipeline does, once per address).
 */
export const DEFAULT_GEO_DB = 'geo-whois-asn-country.mmdb';

export class GeoDb {
  private readonly reader: Reader<Response>;
  private readonly db: Buffer;
  private readonly nodeCount: number;
  private readonly recordSize: 24 | 28 | 32;
  private readonly nodeBytes: number;
  private readonly ipv4Start: number;
  /** Country (or null) per data pointer. */
  private readonly records = new Map<number, string | null>();
  /** When the database was built: shown in diagnostics, since country data ages. */
  readonly buildEpoch: Date;

  private constructor(db: Buffer) {
    this.db = db;
    this.reader = new Reader<Response>(db);
    const meta = this.reader.metadata;
    if (meta.recordSize !== 24 && meta.recordSize !== 28 && meta.recordSize !== 32) throw new Error(`unsupported MaxMind record size ${meta.recordSize}`);
    this.recordSize = meta.recordSize;
    this.nodeCount = meta.nodeCount;
    this.nodeBytes = meta.nodeByteSize;
    this.buildEpoch = meta.buildEpoch;
    // IPv4 addresses live under ::/96 in an IPv6 tree: 96 left turns from the root.
    let node = 0;
    if (meta.ipVersion === 6) for (let i = 0; i < 96 && node < this.nodeCount; i++) node = this.child(node, 0);
    this.ipv4Start = node;
  }

  /** Open a database file; by default the one the npm package ships. */
  static open(path = packageFile(`@ip-location-db/geo-whois-asn-country-mmdb/${DEFAULT_GEO_DB}`)): GeoDb {
    return new GeoDb(readFileSync(path));
  }

  /**
   * ISO 3166-1 alpha-2 country of `addr` (whose text form is `text`), or undefined when unknown.
   * An IPv4-mapped IPv6 address is looked up as the IPv4 address it carries (`addr` holds it so).
   */
  country(addr: IpAddr, text: string): string | undefined {
    let node: number;
    if (addr.version === 4) {
      node = this.walk(this.ipv4Start, addr.v4, 32);
    } else if (addr.version === 6) {
      const w = addr.v6;
      node = 0;
      for (let k = 0; k < 4 && node < this.nodeCount; k++) node = this.walk(node, w[k]!, 32);
    } else {
      return undefined;
    }
    if (node <= this.nodeCount) return undefined;
    let cc = this.records.get(node);
    if (cc === undefined) {
      // The reader answers for the text; a mapped IPv6 text must be asked as its IPv4 address.
      cc = countryOf(this.reader.get(addr.version === 4 && text.includes(':') ? formatIPv4(addr.v4) : text));
      this.records.set(node, cc);
    }
    return cc ?? undefined;
  }

  /** Follow up to `bits` bits of `word` (most significant first) from `node`. */
  private walk(node: number, word: number, bits: number): number {
    for (let i = bits - 1; i >= 0 && node < this.nodeCount; i--) node = this.child(node, (word >>> i) & 1);
    return node;
  }

  private child(node: number, bit: number): number {
    const db = this.db;
    const o = node * this.nodeBytes;
    switch (this.recordSize) {
      case 24:
        return bit === 0 ? (db[o]! << 16) | (db[o + 1]! << 8) | db[o + 2]! : (db[o + 3]! << 16) | (db[o + 4]! << 8) | db[o + 5]!;
      case 28:
        return bit === 0
          ? ((db[o + 3]! & 0xf0) << 20) | (db[o]! << 16) | (db[o + 1]! << 8) | db[o + 2]!
          : ((db[o + 3]! & 0x0f) << 24) | (db[o + 4]! << 16) | (db[o + 5]! << 8) | db[o + 6]!;
      case 32:
        return bit === 0 ? db.readUInt32BE(o) : db.readUInt32BE(o + 4);
    }
  }
}

function countryOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || !('country_code' in record)) return null;
  const cc = record.country_code;
  return typeof cc === 'string' && cc !== '' ? cc : null;
}
