import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toEcs, type EcsObject } from '../../model/event.ts';
import { decodeBatch } from '../decode-batch.ts';
import { compareEcs } from './compare.ts';
import type { ConformanceRow } from './runners.ts';

const FILE = 'elastic-integrations/packages/pfsense/data_stream/log/_dev/test/pipeline/test-opensense.log-expected.json';

/**
 * Elastic's OPNsense pipeline test: each expected document's `event.original` is decoded with
 * format `auto` and compared field by field. Documents for programs Vaern has no decoder for
 * (dhcpd, unbound) count against it: they are expected output Vaern does not produce.
 */
export function elasticOpnsense(corpora: string): ConformanceRow[] {
  const path = join(corpora, FILE);
  if (!existsSync(path)) return [];
  const docs = (JSON.parse(readFileSync(path, 'utf8')) as { expected: (EcsObject | null)[] }).expected;
  let expected = 0;
  let reproduced = 0;
  const missed = new Map<string, number>();
  for (const doc of docs) {
    if (doc === null) continue;
    const original = (doc['event'] as EcsObject | undefined)?.['original'];
    if (typeof original !== 'string') continue;
    // The expected times were rendered in the pipeline's -04:00 test zone for BSD lines, as of 2023.
    const receivedAt = Date.parse(String(doc['@timestamp']));
    const tz = /([+-]\d\d):(\d\d)$/.exec(String(doc['@timestamp']));
    const tzOffsetMin = tz === null ? 0 : Number(tz[1]) * 60 + Math.sign(Number(tz[1])) * Number(tz[2]);
    const r = decodeBatch([original], { tenant: 'conformance', sensor: 'corpus', format: 'auto', origin: path, receivedAt, tzOffsetMin, keepOriginal: true });
    const actual = r.events[0] === undefined ? {} : toEcs(r.events[0]);
    const c = compareEcs(doc, actual);
    expected += c.expected;
    reproduced += c.reproduced;
    for (const m of c.missed) missed.set(m, (missed.get(m) ?? 0) + 1);
  }
  return [{ source: 'elastic: opnsense', expected, reproduced, missed: [...missed].map(([f, n]) => `${f}×${n}`) }];
}
