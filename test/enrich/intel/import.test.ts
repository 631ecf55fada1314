import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectIntelFormat, importIntelFile } from '../../../src/enrich/intel/import.ts';

const dir = 'test/fixtures/enrich/intel';

test('formats are recognised from the file name and content', () => {
  assert.equal(detectIntelFormat('x.csv', 'indicator\n'), 'csv');
  assert.equal(detectIntelFormat('x.json', '{"type": "bundle", "objects": []}'), 'stix');
  assert.equal(detectIntelFormat('x.json', '{"Event": {}}'), 'misp');
  assert.equal(detectIntelFormat('x.txt', '# list\n198.51.100.1\n'), 'list');
});

test('every fixture imports through the one entry point', () => {
  const count = (file: string): number => importIntelFile(`${dir}/${file}`, { source: 'file' }).entries.length;
  assert.equal(count('blocklist.txt'), 6);
  assert.equal(count('indicators.csv'), 5);
  assert.equal(count('bundle.stix.json'), 4);
  assert.equal(count('event.misp.json'), 6);
  assert.equal(importIntelFile(`${dir}/blocklist.txt`, { source: 'file', format: 'csv' }).issues[0]?.message.includes('indicator column'), true);
});
