import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { importCsv, type CsvImportOptions } from './csv.ts';
import type { ImportResult } from './entry.ts';
import { importList } from './list.ts';
import { importMisp, type MispImportOptions } from './misp.ts';
import { importStix } from './stix.ts';

/**
 * One entry point for intel files of any supported format, for the CLI and the admin API: the
 * format is given, or recognised from the file name and the first bytes.
 */

export const INTEL_FORMATS = ['list', 'csv', 'stix', 'misp'] as const;
export type IntelFormat = (typeof INTEL_FORMATS)[number];

/** Options of every importer; each reads the ones it knows. */
export type IntelFileOptions = CsvImportOptions & MispImportOptions;

/** `.csv` is CSV; JSON is a STIX bundle when its top level says `"type": "bundle"`, else MISP; else a list. */
export function detectIntelFormat(fileName: string, text: string): IntelFormat {
  if (extname(fileName).toLowerCase() === '.csv') return 'csv';
  const head = text.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return /"type"\s*:\s*"bundle"/.test(head.slice(0, 4096)) ? 'stix' : 'misp';
  return 'list';
}

export function importIntel(text: string, format: IntelFormat, opts: IntelFileOptions): ImportResult {
  switch (format) {
    case 'list':
      return importList(text, opts);
    case 'csv':
      return importCsv(text, opts);
    case 'stix':
      return importStix(text, opts);
    case 'misp':
      return importMisp(text, opts);
  }
}

export function importIntelFile(path: string, opts: IntelFileOptions & { readonly format?: IntelFormat }): ImportResult {
  const text = readFileSync(path, 'utf8');
  return importIntel(text, opts.format ?? detectIntelFormat(path, text), opts);
}
