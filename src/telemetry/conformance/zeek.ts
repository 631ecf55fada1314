import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VaernEvent } from '../../model/event.ts';
import { decodeStream, readLogFile } from '../files/read-log-file.ts';
import type { ConformanceRow } from './runners.ts';

/**
 * Zeek corpora (../shared/corpora, read-only):
 * - zed-sample-data: one Zeek run written as TSV and as JSON. Each JSON record must give the
 *   same event as its TSV twin (compared without `vaern.format` and the file position). One row
 *   per log type: records, and records whose events are equal.
 * - Zeek's btest baselines: every TSV log must decode without a decoder crash. Their times are
 *   masked (`XXXXXXXXXX.XXXXXX`), which the reader rightly rejects, so they are measured twice:
 *   as written, and with masked times replaced by 0 to exercise the rest of each line. The
 *   commonest reject reasons are listed. Files without a Zeek header (zeek-cut output, stderr
 *   captures) are counted apart.
 */
export async function zeekConformance(corporaDir: string): Promise<ConformanceRow[]> {
  return [...(await zedPairs(join(corporaDir, 'zed-sample-data'))), ...(await btestBaselines(join(corporaDir, 'zeek/testing/btest/Baseline')))];
}

const ctx = { tenant: 'conformance', sensor: 'corpus' };

async function events(path: string, format: string): Promise<VaernEvent[]> {
  const out: VaernEvent[] = [];
  for await (const b of readLogFile(path, { ...ctx, format })) for (const e of b.events) out.push(e);
  return out;
}

/** An event as comparable text: keys sorted, encoding-specific fields left out. */
function canonical(e: VaernEvent): string {
  const { 'vaern.format': _f, 'log.file.path': _p, 'log.offset': _o, ...rest } = e;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function differingFields(a: VaernEvent, b: VaernEvent): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) {
    if (k === 'vaern.format' || k.startsWith('log.')) continue;
    if (JSON.stringify(a[k as keyof VaernEvent]) !== JSON.stringify(b[k as keyof VaernEvent])) out.push(k);
  }
  return out;
}

async function zedPairs(dir: string): Promise<ConformanceRow[]> {
  const tsvDir = join(dir, 'zeek-default');
  const jsonDir = join(dir, 'zeek-json');
  if (!existsSync(tsvDir) || !existsSync(jsonDir)) return [];
  const rows: ConformanceRow[] = [];
  for (const name of readdirSync(tsvDir).filter((n) => n.endsWith('.log.gz')).sort()) {
    const type = name.slice(0, -'.log.gz'.length);
    const jsonPath = join(jsonDir, `${type}.json.gz`);
    if (!existsSync(jsonPath)) continue;
    const tsv = await events(join(tsvDir, name), 'zeek');
    const json = await events(jsonPath, 'zeek-json');
    let equal = 0;
    const missed = new Map<string, number>();
    for (let i = 0; i < Math.min(tsv.length, json.length); i++) {
      if (canonical(tsv[i]!) === canonical(json[i]!)) equal++;
      else for (const f of differingFields(tsv[i]!, json[i]!)) missed.set(f, (missed.get(f) ?? 0) + 1);
    }
    if (tsv.length !== json.length) missed.set(`record count ${tsv.length} TSV vs ${json.length} JSON`, 1);
    rows.push({ source: `zed: zeek tsv = json (${type})`, expected: Math.max(tsv.length, json.length), reproduced: equal, missed: top(missed) });
  }
  return rows;
}

async function btestBaselines(dir: string): Promise<ConformanceRow[]> {
  if (!existsSync(dir)) return [];
  const raw = { lines: 0, events: 0, reasons: new Map<string, number>() };
  const unmasked = { lines: 0, events: 0, reasons: new Map<string, number>() };
  let notZeek = 0;
  let files = 0;
  for (const test of readdirSync(dir).sort()) {
    const sub = join(dir, test);
    let names: string[];
    try {
      names = readdirSync(sub);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.log')).sort()) {
      const text = await readFile(join(sub, name));
      if (text.indexOf('#separator ') < 0) {
        notZeek++;
        continue;
      }
      files++;
      const path = `${test}/${name}`;
      await tally(text, path, raw);
      await tally(Buffer.from(text.toString('latin1').replaceAll('XXXXXXXXXX.XXXXXX', '0.000000'), 'latin1'), path, unmasked);
    }
  }
  return [
    { source: `zeek btest: ${files} TSV logs, as written (${notZeek} non-Zeek files skipped)`, expected: raw.lines, reproduced: raw.events, missed: top(raw.reasons) },
    { source: `zeek btest: ${files} TSV logs, masked times set to 0`, expected: unmasked.lines, reproduced: unmasked.events, missed: top(unmasked.reasons) },
  ];
}

async function tally(bytes: Buffer, path: string, into: { lines: number; events: number; reasons: Map<string, number> }): Promise<void> {
  for await (const b of decodeStream(once(bytes), path, { ...ctx, format: 'zeek' })) {
    into.events += b.events.length;
    into.lines += b.events.length + b.rejects.length;
    for (const r of b.rejects) {
      // Reasons without their numbers, so that alike rejects count together.
      const reason = r.reason.replace(/\d+/g, 'N');
      into.reasons.set(reason, (into.reasons.get(reason) ?? 0) + 1);
    }
  }
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

function top(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `${k} (${n})`);
}
