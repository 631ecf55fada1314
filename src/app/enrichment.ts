import { existsSync } from 'node:fs';
import type { VaernConfig } from '../config/config.ts';
import { AssetInventory } from '../enrich/assets.ts';
import type { IntelEntry } from '../enrich/intel/entry.ts';
import { importIntelFile } from '../enrich/intel/import.ts';
import { IntelMatcher } from '../enrich/intel/matcher.ts';

/**
 * Reads the configured asset inventory and threat-intelligence files. A file that cannot be read
 * stops the start with its path and reason; entries an importer skipped are reported as warnings,
 * and the good ones are kept.
 */
export function loadEnrichmentData(config: VaernConfig['enrichment'], warn: (message: string) => void): { assets?: AssetInventory; intel?: IntelMatcher } {
  let assets: AssetInventory | undefined;
  if (config.assetsDir !== undefined) {
    if (!existsSync(config.assetsDir)) throw new Error(`enrichment.assetsDir: ${config.assetsDir} does not exist`);
    assets = AssetInventory.loadDir(config.assetsDir);
  }
  const entries: IntelEntry[] = [];
  for (const f of config.intel) {
    const result = importIntelFile(f.path, { source: f.source, confidence: f.confidence, ...(f.format === 'auto' ? {} : { format: f.format }) });
    for (const issue of result.issues.slice(0, 20)) warn(`${f.path}: ${issue.where}: ${issue.message}`);
    if (result.issues.length > 20) warn(`${f.path}: ${result.issues.length - 20} more issues`);
    entries.push(...result.entries);
  }
  return { ...(assets === undefined ? {} : { assets }), ...(entries.length === 0 ? {} : { intel: IntelMatcher.build(entries) }) };
}
