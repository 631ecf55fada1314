import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DECODERS } from '../../../src/telemetry/decoders/registry.ts';
import { parseSyslog } from '../../../src/telemetry/syslog/header.ts';

/**
 * Every decoder, on arbitrary text and on valid lines mutated (cut, spliced, fields dropped or
 * doubled, quotes and separators inserted): it never throws, returns an event or a reason, and
 * finishes quickly.
 */
const ctx = { tenant: 't', sensor: 's', receivedAt: 1_700_000_000_000 };
/** The format's fixture lines (test/fixtures/decoders/<format>.json), when it has any. */
function valid(format: string): string[] {
  const url = new URL(`../../fixtures/decoders/${format}.json`, import.meta.url);
  if (!existsSync(url)) return [];
  return (JSON.parse(readFileSync(url, 'utf8')) as { line: string }[]).map((c) => c.line);
}

const mutation = (lines: string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.nat(), fc.constantFrom('', ',', ' ', '"', '=', '\\', '[', ']', ':', '::', '\u00e6\u00f8', 'x=', '<1>', '\n'), fc.nat({ max: 3 }))
    .map(([line, a, b, insert, kind]) => {
      const i = a % (line.length + 1);
      const j = b % (line.length + 1);
      switch (kind) {
        case 0: return line.slice(0, i);
        case 1: return line.slice(0, i) + insert + line.slice(i);
        case 2: return line.slice(0, Math.min(i, j)) + line.slice(Math.max(i, j));
        default: return line.slice(0, i) + line.slice(j) + insert + line.slice(i);
      }
    });

for (const decoder of DECODERS) {
  // A hang (catastrophic backtracking, a loop that never advances) fails by the test's timeout;
  // no wall-clock assertion, so a loaded machine cannot fail it.
  test(`fuzz ${decoder.format}: arbitrary and mutated input never throws or hangs`, { timeout: 120_000 }, () => {
    const lines = valid(decoder.format);
    const arbitrary = [fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 })];
    const input = lines.length > 0 ? fc.oneof(...arbitrary, mutation(lines), mutation(lines)) : fc.oneof(...arbitrary);
    fc.assert(
      fc.property(input, (line) => {
        const { header, payload } = parseSyslog(line, { now: ctx.receivedAt });
        decoder.sniff(payload, header);
        const r = decoder.decode(payload, header, ctx);
        if (typeof r === 'string') {
          assert.ok(r.length > 0);
        } else {
          assert.equal(r['vaern.tenant'], 't');
          assert.ok(Number.isFinite(r['@timestamp']));
        }
      }),
      { numRuns: 300 },
    );
  });
}
