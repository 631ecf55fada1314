import { runNetflowConformance } from '../netflow/conformance.ts';
import { elasticOpnsense } from './elastic-opnsense.ts';
import { vendorLogs } from './vendor-logs.ts';
import { zeekConformance } from './zeek.ts';

/** One source's result: how many expected fields (or cases) there were, and how many Vaern reproduced. */
export interface ConformanceRow {
  source: string;
  expected: number;
  reproduced: number;
  /** What was missed, briefly, when the runner says. */
  missed?: string[];
}

/** A corpus runner: reads what it needs under the corpora folder, returns no rows when its files are absent. */
export type ConformanceRunner = (corporaDir: string) => ConformanceRow[] | Promise<ConformanceRow[]>;

/** Every runner. A decoder with a corpus adds one line here. */
export const RUNNERS: readonly ConformanceRunner[] = [
  elasticOpnsense,
  runNetflowConformance,
  vendorLogs,
  zeekConformance,
];

/** All runners' rows, in order. */
export async function runConformance(corporaDir: string): Promise<ConformanceRow[]> {
  const rows: ConformanceRow[] = [];
  for (const run of RUNNERS) rows.push(...(await run(corporaDir)));
  return rows;
}
