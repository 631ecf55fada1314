import { readFileSync } from 'node:fs';
import { Reader, type Response } from 'maxmind';
import { formatIPv4, type IpAddr } from './ip.ts';
import { packageFile } from './package-data.ts';

/**
 * Country of an IP address from the `geo-whois-asn-country` MaxMind-format database that
 * `@ip-location-db/geo-whois-asn-country-mmdb` ships (CC0, IPv4 and IPv6 in one file).
 *
 * The file (~8 MB) is read into memory once; `maxmind`'s reader walks its search tree per lookup
 * (~1.4M lookups/s). Callers skip special-purpose addresses first (the pipeline does, once per
 * address), so private ranges never reach the database.
 */
export const DEFAULT_GEO_DB = 'geo-whois-asn-country.mmdb';

export class GeoDb {
  private readonly reader: Reader<Response>;
  /** When the database was built: shown in diagnostics, since country data ages. */
  readonly buildEpoch: Date;

  private constructor(reader: Reader<Response>) {
    this.reader = reader;
    this.buildEpoch = reader.metadata.buildEpoch;
  }

  /** Open a database file; by default the one the npm package ships. */
  static open(path = packageFile(`@ip-location-db/geo-whois-asn-country-mmdb/${DEFAULT_GEO_DB}`)): GeoDb {
    return new GeoDb(new Reader<Response>(readFileSync(path)));
  }

  /**
   * ISO 3166-1 alpha-2 country of `addr` (its text form in `text`), or undefined when unknown.
   * An IPv4-mapped IPv6 text is looked up as the IPv4 address it carries.
   */
  country(addr: IpAddr, text: string): string | undefined {
    if (addr.version === 0) return undefined;
    const key = addr.version === 4 && text.includes(':') ? formatIPv4(addr.v4) : text;
    const record: unknown = this.reader.get(key);
    if (typeof record !== 'object' || record === null || !('country_code' in record)) return undefined;
    const cc = record.country_code;
    return typeof cc === 'string' && cc !== '' ? cc : undefined;
  }
}
