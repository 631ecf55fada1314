import { defaults, toEntry, type ImportOptions, type ImportResult } from './entry.ts';

/**
 * Plain indicator lists: one IP, CIDR, domain or URL per line, as most public block lists are
 * published. `#` and `;` start comments (whole-line or after the value, as in Spamhaus DROP:
 * `192.0.2.0/24 ; SBL123`). All entries share the options' source, confidence and expiry.
 */
export function importList(text: string, opts: ImportOptions): ImportResult {
  const attrs = defaults(opts);
  const result: ImportResult = { entries: [], issues: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const value = lines[i]!.replace(/\s*[#;].*$/, '').trim();
    if (value === '') continue;
    const entry = toEntry(value, undefined, attrs);
    if (typeof entry === 'string') result.issues.push({ where: `line ${i + 1}`, message: entry });
    else result.entries.push(entry);
  }
  return result;
}
