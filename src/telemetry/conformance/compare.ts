import type { EcsObject, EcsValue } from '../../model/event.ts';
import { isEventField } from '../../model/fields.ts';

/**
 * Expected fields that carry the same meaning under another name in Vaern. `event.action` holds
 * the vendor's word in Elastic's pipelines; Vaern keeps that word in `vaern.vendor_action`.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'event.action': ['event.action', 'vaern.vendor_action'],
  'observer.name': ['observer.hostname'],
};

/** Enrichment (GeoIP, ASN) happens after decoding; a decoder is not held to it. */
const ENRICHMENT = /\.(?:geo|as)\./;

export interface Comparison {
  /** Expected fields Vaern's model can hold. */
  expected: number;
  /** Of those, the ones Vaern reproduced with an equivalent value. */
  reproduced: number;
  /** The expected fields that were missing or different, for the report. */
  missed: string[];
}

/** Flattens nested ECS JSON to dotted names. */
export function flatten(doc: EcsObject, prefix = '', out: Record<string, EcsValue> = {}): Record<string, EcsValue> {
  for (const [k, v] of Object.entries(doc)) {
    const name = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, name, out);
    else out[name] = v;
  }
  return out;
}

/**
 * Compares an expected ECS document with Vaern's (both nested ECS JSON). Values are equivalent when
 * equal after these allowances: a one-element array equals its element, arrays compare as sets,
 * numbers equal their decimal text, and `@timestamp` compares as an instant.
 */
export function compareEcs(expectedDoc: EcsObject, actualDoc: EcsObject): Comparison {
  const expected = flatten(expectedDoc);
  const actual = flatten(actualDoc);
  const result: Comparison = { expected: 0, reproduced: 0, missed: [] };
  for (const [name, want] of Object.entries(expected)) {
    if (ENRICHMENT.test(name)) continue;
    const candidates = ALIASES[name] ?? (isEventField(name) ? [name] : undefined);
    if (candidates === undefined) continue;
    result.expected++;
    if (candidates.some((c) => equivalent(name, want, actual[c]))) result.reproduced++;
    else result.missed.push(name);
  }
  return result;
}

function equivalent(name: string, want: EcsValue, got: EcsValue | undefined): boolean {
  if (got === undefined) return false;
  if (name === '@timestamp') return Date.parse(String(want)) === Date.parse(String(got));
  const a = Array.isArray(want) ? want.map(String) : [String(want)];
  const b = Array.isArray(got) ? got.map(String) : [String(got)];
  return a.length === b.length && a.every((x) => b.includes(x));
}
