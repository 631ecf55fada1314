import { createRequire } from 'node:module';

/**
 * Paths of data files that npm packages ship (GeoIP and ASN databases), resolved through the
 * module system so they are found wherever `node_modules` is; nothing is downloaded at run time.
 */
const require = createRequire(import.meta.url);

export function packageFile(specifier: string): string {
  return require.resolve(specifier);
}
