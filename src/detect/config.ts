import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { dedupConfigSchema, suppressionRuleSchema, type DedupConfig, type SuppressionRule } from './dedup.ts';
import type { Detector, DetectorConfigBase, RegisteredDetector } from './detector.ts';
import { DETECTORS } from './registry.ts';
import { countries } from './schema.ts';

/**
 * Detection configuration: ./defaults.yaml (the one source of defaults) with the operator's file
 * laid over it, key by key, then checked by each detector's schema. Unknown keys are errors, so a
 * misspelt threshold cannot silently fall back to its default.
 */

export interface DetectConfig {
  readonly dedup: DedupConfig;
  readonly suppressions: readonly SuppressionRule[];
  /** Parsed config per detector id. */
  readonly detectors: Readonly<Record<string, DetectorConfigBase>>;
}

const DEFAULTS_URL = new URL('./defaults.yaml', import.meta.url);
let defaultsCache: Record<string, unknown> | undefined;

/** The raw defaults document (parsed YAML, anchors resolved). */
export function defaultsDocument(): Record<string, unknown> {
  defaultsCache ??= YAML.parse(readFileSync(DEFAULTS_URL, 'utf8')) as Record<string, unknown>;
  return structuredClone(defaultsCache);
}

function schemaFor(detectors: readonly RegisteredDetector[]) {
  return z
    .object({
      countriesOfConcern: countries,
      dedup: dedupConfigSchema,
      suppressions: z.array(suppressionRuleSchema),
      detectors: z.object(Object.fromEntries(detectors.map((d) => [d.id, d.configSchema]))).strict(),
    })
    .strict();
}

/** Parse an operator config (already read from YAML/JSON) over the defaults. Throws with zod's paths. */
export function parseDetectConfig(overrides: unknown = {}, detectors: readonly RegisteredDetector[] = DETECTORS): DetectConfig {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) throw new TypeError('detection config must be an object');
  const merged = deepMerge(defaultsDocument(), overrides as Record<string, unknown>);
  const parsed = schemaFor(detectors).parse(merged);
  return { dedup: parsed.dedup, suppressions: parsed.suppressions, detectors: parsed.detectors as Record<string, DetectorConfigBase> };
}

/** Read a YAML or JSON config file (JSON is YAML). */
export function readDetectConfigFile(path: string): unknown {
  return YAML.parse(readFileSync(path, 'utf8')) as unknown;
}

/** One detector's config: defaults with `overrides` laid over, parsed. For tests and tools. */
export function detectorConfig<C extends DetectorConfigBase, S>(detector: Detector<C, S>, overrides: Record<string, unknown> = {}): C {
  const all = defaultsDocument()['detectors'] as Record<string, Record<string, unknown>>;
  const base = all[detector.id];
  if (base === undefined) throw new Error(`no defaults for detector ${detector.id} in defaults.yaml`);
  return detector.configSchema.parse(deepMerge(base, overrides));
}

/** Objects merge key by key; anything else (arrays included) is replaced. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
