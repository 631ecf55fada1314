import { defaults, parseConfidence, toEntry, type ImportOptions, type ImportResult, type IndicatorHint } from './entry.ts';

/**
 * CSV indicator files. Columns are named by the header row (default names below) or, for files
 * without one, by 0-based position. Only `indicator` is required; the other columns fall back
 * to the import options. RFC 4180 quoting is understood; quoted fields may not span lines.
 */

export type CsvColumn = 'indicator' | 'type' | 'confidence' | 'expiry' | 'source';

export interface CsvImportOptions extends ImportOptions {
  /** Header name (when `header`) or 0-based index (when not) of each column. */
  readonly columns?: Partial<Record<CsvColumn, string | number>>;
  /** Whether the first non-comment line names the columns. Default true. */
  readonly header?: boolean;
  /** Default `,`. */
  readonly delimiter?: string;
}

const DEFAULT_COLUMNS: Record<CsvColumn, string> = {
  indicator: 'indicator',
  type: 'type',
  confidence: 'confidence',
  expiry: 'expiry',
  source: 'source',
};

/** Type words used by common feeds (MISP CSV export, OpenCTI, vendor lists) -> indicator kind. */
const TYPE_WORDS: Record<string, IndicatorHint> = {
  ip: 'ip',
  ipv4: 'ip',
  ipv6: 'ip',
  'ipv4-addr': 'ip',
  'ipv6-addr': 'ip',
  'ip-src': 'ip',
  'ip-dst': 'ip',
  cidr: 'cidr',
  network: 'cidr',
  domain: 'domain',
  'domain-name': 'domain',
  hostname: 'domain',
  fqdn: 'domain',
  url: 'url',
  uri: 'url',
};

export function importCsv(text: string, opts: CsvImportOptions): ImportResult {
  const attrs = defaults(opts);
  const delimiter = opts.delimiter ?? ',';
  const header = opts.header ?? true;
  const result: ImportResult = { entries: [], issues: [] };
  const lines = text.split(/\r?\n/);
  let index: Partial<Record<CsvColumn, number>> | undefined = header ? undefined : positions(opts.columns);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const where = `line ${i + 1}`;
    const fields = splitCsvLine(line, delimiter);
    if (typeof fields === 'string') {
      result.issues.push({ where, message: fields });
      continue;
    }
    if (index === undefined) {
      const found = headerPositions(fields, opts.columns);
      // Without the indicator column nothing can be read: the document is unusable.
      if (typeof found === 'string') return { entries: [], issues: [{ where, message: found }] };
      index = found;
      continue;
    }
    const idx = index;
    const get = (c: CsvColumn): string | undefined => {
      const k = idx[c];
      const v = k === undefined ? undefined : fields[k]?.trim();
      return v === '' ? undefined : v;
    };
    const value = get('indicator');
    if (value === undefined) {
      result.issues.push({ where, message: 'no indicator in this row' });
      continue;
    }
    const typeWord = get('type');
    const hint = typeWord === undefined ? undefined : TYPE_WORDS[typeWord.toLowerCase()];
    if (typeWord !== undefined && hint === undefined) {
      result.issues.push({ where, message: `unknown indicator type "${typeWord}"` });
      continue;
    }
    const conf = get('confidence');
    const confidence = conf === undefined ? attrs.confidence : parseConfidence(conf);
    const exp = get('expiry');
    const expiresAt = exp === undefined ? attrs.expiresAt : parseExpiry(exp);
    if (typeof confidence === 'string' || typeof expiresAt === 'string') {
      for (const m of [confidence, expiresAt]) if (typeof m === 'string') result.issues.push({ where, message: m });
      continue;
    }
    const entry = toEntry(value, hint, { source: get('source') ?? attrs.source, confidence, expiresAt });
    if (typeof entry === 'string') result.issues.push({ where, message: entry });
    else result.entries.push(entry);
  }
  return result;
}

function positions(columns: CsvImportOptions['columns']): Partial<Record<CsvColumn, number>> {
  const out: Partial<Record<CsvColumn, number>> = {};
  const given = columns ?? { indicator: 0 };
  for (const [c, k] of Object.entries(given) as [CsvColumn, string | number][]) {
    if (typeof k !== 'number') throw new TypeError(`CSV without header: column "${c}" must be given by position`);
    out[c] = k;
  }
  return out;
}

function headerPositions(fields: string[], columns: CsvImportOptions['columns']): Partial<Record<CsvColumn, number>> | string {
  const names = fields.map((f) => f.trim().toLowerCase());
  const out: Partial<Record<CsvColumn, number>> = {};
  for (const c of Object.keys(DEFAULT_COLUMNS) as CsvColumn[]) {
    const want = columns?.[c] ?? DEFAULT_COLUMNS[c];
    const k = typeof want === 'number' ? want : names.indexOf(want.toLowerCase());
    if (k >= 0) out[c] = k;
    else if (c === 'indicator') return `header has no indicator column "${String(want)}" (columns: ${names.join(', ')})`;
  }
  return out;
}

/** ISO 8601 date, or epoch seconds (up to 10 digits) or milliseconds. */
function parseExpiry(v: string): number | string {
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  if (/^\d{11,13}$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isNaN(t) ? `expiry is not a date: "${v}"` : t;
}

/** Split one CSV line (RFC 4180 quoting). Returns the fields, or a message for broken quoting. */
export function splitCsvLine(line: string, delimiter: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return 'unterminated quoted field';
        v += line.slice(j, q);
        if (line[q + 1] === '"') {
          v += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      out.push(v);
      if (j === line.length) return out;
      if (!line.startsWith(delimiter, j)) return `unexpected text after quoted field at column ${j + 1}`;
      i = j + delimiter.length;
    } else {
      const d = line.indexOf(delimiter, i);
      if (d < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, d));
      i = d + delimiter.length;
    }
  }
}
