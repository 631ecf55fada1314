import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFormatters } from '../../web/src/i18n/formatters.ts';
import { evidenceRows, localiseTimes } from '../../web/src/screens/alerts/evidence.ts';

/**
 * The alert detail shows detectors' evidence under translated names, in its unit, and the times
 * of an explanation in the reader's locale. Detectors are not changed for this: the console maps
 * what they write, so every count name a detector writes must be in the console's table.
 */
const DETECT = new URL('../../src/detect/', import.meta.url).pathname;
const da = makeFormatters('da-DK');
const nb = makeFormatters('nb-NO');
const en = makeFormatters('en-GB');

/** The names in every `counts: { name: ..., ... }` literal of the detectors' source. */
function detectorCountNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of readdirSync(DETECT).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(DETECT, file), 'utf8');
    for (const m of text.matchAll(/counts:\s*\{([^}]*)\}/g)) {
      for (const k of m[1]!.matchAll(/(?:^|,)\s*([A-Za-z]\w*)\s*(?=[:,]|$)/g)) names.set(k[1]!, file);
    }
  }
  return names;
}

test('every evidence count a detector writes has a translated name', () => {
  const names = detectorCountNames();
  assert.ok(names.size >= 25, `expected the detectors' count names, found ${names.size}`);
  const unknown = [...names].filter(([name]) => evidenceRows('any', { [name]: 1 }, en)[0]!.label === undefined).map(([n, f]) => `${n} (${f})`);
  assert.deepEqual(unknown, [], 'add these to web/src/screens/alerts/evidence.ts and the three language files');
});

test('values are shown in their unit and the reader\'s number format', () => {
  const counts = { failures: 12_345, medianIntervalMs: 90_000, medianBytes: 12_400_000, timing: 0.87, meanEntropy: 4.3712, somethingNew: 2.5 };
  const rows = (fmt: typeof da) => Object.fromEntries(evidenceRows('beaconing', counts, fmt).map((r) => [r.name, [r.label, r.value]]));
  const danish = rows(da);
  assert.deepEqual(danish['failures'], ['evidence.failures', '12.345']);
  assert.match(danish['medianIntervalMs']![1]!, /^1,5 min/);
  assert.match(danish['medianBytes']![1]!, /^12,4 MB$/);
  assert.match(danish['timing']![1]!, /^87\s?%$/);
  assert.equal(danish['meanEntropy']![1], '4,37');
  assert.deepEqual(danish['somethingNew'], [undefined, '2,5'], 'an unknown count keeps its own name');
  assert.deepEqual(rows(en)['failures'], ['evidence.failures', '12,345']);
  assert.deepEqual(Object.keys(danish), Object.keys(counts), "the detector's order");
});

test('a name one detector uses in another unit: exfiltration\'s threshold is bytes', () => {
  assert.deepEqual(evidenceRows('port-scan', { threshold: 60 }, en)[0], { name: 'threshold', label: 'evidence.threshold', value: '60' });
  assert.deepEqual(evidenceRows('exfiltration', { threshold: 2_500_000_000 }, en)[0], { name: 'threshold', label: 'evidence.thresholdBytes', value: '2.5 GB' });
});

test('ISO times in an explanation become local dates and times; the rest is untouched', () => {
  const text = '198.51.100.7 failed to log in 40 times against 3 distinct account(s) on ssh between 2026-11-23T10:00:00Z and 2026-11-23T10:04:30.250Z (4.5 min)';
  const at = (iso: string, fmt: typeof da) => fmt.dateTime(Date.parse(iso));
  const danish = localiseTimes(text, da);
  assert.equal(
    danish,
    `198.51.100.7 failed to log in 40 times against 3 distinct account(s) on ssh between ${at('2026-11-23T10:00:00Z', da)} and ${at('2026-11-23T10:04:30.250Z', da)} (4.5 min)`,
  );
  assert.doesNotMatch(danish, /T\d\d:/);
  assert.match(localiseTimes(text, nb), /23\.11\.2026/);
  assert.match(localiseTimes(text, en), /23\/11\/2026/);
  assert.equal(localiseTimes('no times here, 2026-11-23 only a date', en), 'no times here, 2026-11-23 only a date');
});
