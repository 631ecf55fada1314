import { z } from 'zod';
import { defaults, toEntry, IntelImportError, type ImportOptions, type ImportResult, type IndicatorHint } from './entry.ts';

/**
 * STIX 2.1 bundles: `indicator` objects whose `pattern` compares network observables.
 *
 * Supported: `[ipv4-addr:value = '198.51.100.7']`, `ipv6-addr`, CIDR values and `ISSUBSET`,
 * `[domain-name:value = 'evil.example']`, `[url:value = 'https://evil.example/x']` (its host),
 * and any OR of those, within one observation or between observations. Patterns that need more
 * than one observable to hold (AND, FOLLOWEDBY, WITHIN, REPEATS) are skipped with an issue:
 * matching one part alone would raise alerts the producer never meant.
 *
 * `confidence` and `valid_until` (expiry) are taken from the indicator; the provider is the
 * `name` of the `identity` in `created_by_ref` when the bundle holds it, else the options' source.
 */

const Bundle = z.looseObject({ type: z.literal('bundle'), objects: z.array(z.looseObject({ type: z.string() })) });

const Indicator = z.looseObject({
  type: z.literal('indicator'),
  id: z.string(),
  pattern: z.string(),
  pattern_type: z.string(),
  valid_until: z.iso.datetime({ offset: true }).optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  revoked: z.boolean().optional(),
  created_by_ref: z.string().optional(),
});

const Identity = z.looseObject({ type: z.literal('identity'), id: z.string(), name: z.string() });

/** Object paths we can match, and what their value is. */
const PATHS: Record<string, IndicatorHint> = {
  'ipv4-addr:value': 'cidr',
  'ipv6-addr:value': 'cidr',
  'domain-name:value': 'domain',
  'url:value': 'url',
};

export function importStix(text: string, opts: ImportOptions): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new IntelImportError(`not JSON: ${(err as Error).message}`);
  }
  const bundle = Bundle.safeParse(raw);
  if (!bundle.success) throw new IntelImportError(`not a STIX 2.1 bundle: ${z.prettifyError(bundle.error)}`);
  const attrs = defaults(opts);
  const producers = new Map<string, string>();
  for (const o of bundle.data.objects) {
    const id = Identity.safeParse(o);
    if (id.success) producers.set(id.data.id, id.data.name);
  }
  const result: ImportResult = { entries: [], issues: [] };
  bundle.data.objects.forEach((o, i) => {
    if (o.type !== 'indicator') return;
    const parsed = Indicator.safeParse(o);
    const where = `objects[${i}]${typeof o['id'] === 'string' ? ` (${o['id']})` : ''}`;
    if (!parsed.success) {
      result.issues.push({ where, message: z.prettifyError(parsed.error) });
      return;
    }
    const ind = parsed.data;
    if (ind.revoked === true) return;
    if (ind.pattern_type !== 'stix') {
      result.issues.push({ where, message: `pattern_type "${ind.pattern_type}" is not supported (only stix)` });
      return;
    }
    const comparisons = parsePattern(ind.pattern);
    if (typeof comparisons === 'string') {
      result.issues.push({ where, message: comparisons });
      return;
    }
    const entryAttrs = {
      source: (ind.created_by_ref !== undefined ? producers.get(ind.created_by_ref) : undefined) ?? attrs.source,
      confidence: ind.confidence ?? attrs.confidence,
      expiresAt: ind.valid_until !== undefined ? Date.parse(ind.valid_until) : attrs.expiresAt,
    };
    let supported = 0;
    for (const c of comparisons) {
      const hint = PATHS[c.path];
      if (hint === undefined) continue;
      supported++;
      const entry = toEntry(c.value, hint, entryAttrs);
      if (typeof entry === 'string') result.issues.push({ where, message: entry });
      else result.entries.push(entry);
    }
    if (supported === 0) result.issues.push({ where, message: `no IP, domain or URL comparison in pattern ${ind.pattern}` });
  });
  return result;
}

export interface Comparison {
  readonly path: string;
  readonly value: string;
}

/**
 * The comparisons of a pattern that is a pure disjunction, or a message saying why it is not.
 * Grammar subset: observation (`[` comparison (OR comparison)* `]`) joined by OR, where a
 * comparison is `path = 'string'` or `path ISSUBSET 'string'`; parentheses are allowed.
 */
export function parsePattern(pattern: string): Comparison[] | string {
  const tokens = tokenize(pattern);
  if (typeof tokens === 'string') return tokens;
  const out: Comparison[] = [];
  let depth = 0;
  let expectOperand = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '[' || t === '(') {
      depth++;
      continue;
    }
    if (t === ']' || t === ')') {
      if (--depth < 0) return `unbalanced brackets in pattern ${pattern}`;
      continue;
    }
    const word = t.toUpperCase();
    if (word === 'OR') {
      if (expectOperand) return `misplaced OR in pattern ${pattern}`;
      expectOperand = true;
      continue;
    }
    if (word === 'AND' || word === 'FOLLOWEDBY' || word === 'WITHIN' || word === 'REPEATS' || word === 'START') {
      return `${word} patterns are not supported: only ORs of single comparisons can be matched per event`;
    }
    // A comparison: path operator 'value'. Paths may hold quoted steps: file:hashes.'SHA-256'.
    let path = t;
    let j = i + 1;
    while (path.endsWith('.') && tokens[j]?.startsWith("'") === true) path += tokens[j++];
    const op = tokens[j];
    const value = tokens[j + 1];
    if (!expectOperand || op === undefined || value === undefined || !value.startsWith("'")) return `cannot read comparison at "${path}" in pattern ${pattern}`;
    const opWord = op.toUpperCase();
    if (opWord !== '=' && opWord !== 'ISSUBSET') return `operator ${op} is not supported (only = and ISSUBSET)`;
    out.push({ path, value: value.slice(1, -1).replace(/\\(['\\])/g, '$1') });
    expectOperand = false;
    i = j + 1;
  }
  if (depth !== 0) return `unbalanced brackets in pattern ${pattern}`;
  if (out.length === 0) return `empty pattern ${pattern}`;
  return out;
}

/** Brackets, parentheses, quoted strings (with \' and \\ escapes), and words/operators. */
function tokenize(pattern: string): string[] | string {
  const out: string[] = [];
  const re = /\s*(?:([[\]()])|('(?:[^'\\]|\\.)*')|(!=|<=|>=|=|<|>)|([^\s[\]()'=!<>]+))/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(pattern)) !== null) {
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    last = re.lastIndex;
  }
  if (pattern.slice(last).trim() !== '') return `cannot read pattern at "${pattern.slice(last, last + 20)}"`;
  return out;
}
