import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvRow, CSV_COLUMNS } from '../../../src/server/events/csv.ts';

test('cells are quoted per RFC 4180 and formulas are defused', () => {
  assert.equal(csvCell(undefined), '');
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(['a', 'b']), 'a b');
});

test('a row has one cell per column and an ISO timestamp', () => {
  const row = csvRow({ '@timestamp': 0, 'vaern.tenant': 't', message: 'line\nbreak' });
  assert.ok(row.startsWith('1970-01-01T00:00:00.000Z,t,'));
  assert.ok(row.endsWith('"line\nbreak"\r\n'));
  assert.equal(CSV_COLUMNS.length, 18);
});
