import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { runConformance } from '../../telemetry/conformance/runners.ts';

const DEFAULT_CORPORA = fileURLToPath(new URL('../../../../shared/corpora', import.meta.url));

/**
 * `vaern conformance`: decode the shared corpora that carry expected output and print, per source,
 * the share of expected fields (or cases) Vaern reproduces.
 */
export function registerConformance(program: Command): void {
  program
    .command('conformance')
    .description('measure decoders against corpora with expected output (share of expected fields reproduced)')
    .option('--corpora <dir>', 'corpora folder', DEFAULT_CORPORA)
    .option('--verbose', 'list the fields each source missed')
    .action(async (options: { corpora: string; verbose?: boolean }) => {
      const dir = resolve(options.corpora);
      if (!existsSync(dir)) {
        process.stderr.write(`vaern conformance: corpora folder not found: ${dir} (nothing measured)\n`);
        process.exitCode = 2;
        return;
      }
      const rows = await runConformance(dir);
      if (rows.length === 0) process.stderr.write(`vaern conformance: no known corpus under ${dir}\n`);
      for (const r of rows) {
        const share = r.expected === 0 ? 100 : (100 * r.reproduced) / r.expected;
        process.stdout.write(`${share.toFixed(1).padStart(5)}%  ${String(r.reproduced).padStart(5)}/${String(r.expected).padEnd(5)}  ${r.source}\n`);
        if (options.verbose === true && r.missed !== undefined && r.missed.length > 0) process.stdout.write(`        missed: ${r.missed.join(', ')}\n`);
      }
    });
}
