import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's translations are complete: every language has every key, and every key the code
 * uses exists. Keys reach `t()` either literally (`t('overview.title')`) or through lookup tables
 * of key strings (`SEVERITY_KEYS`), so both forms are collected.
 */
const WEB_SRC = new URL('../../web/src/', import.meta.url).pathname;
const LANGUAGES = ['da', 'nb', 'en'] as const;
const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other'];

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const catalogues = new Map(
  LANGUAGES.map((lang) => [lang, flatten(JSON.parse(readFileSync(join(WEB_SRC, 'i18n', `${lang}.json`), 'utf8')) as Tree)]),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function usedKeys(): Map<string, string> {
  const namespaces = new Set([...catalogues.get('en')!.keys()].map((k) => k.split('.')[0]));
  const used = new Map<string, string>();
  for (const file of sourceFiles(WEB_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['"`])([^'"`$]+)\1/g)) used.set(m[2]!, file);
    for (const m of text.matchAll(/(['"])([a-z][A-Za-z0-9]*\.[A-Za-z0-9_.]+)\1/g)) {
      if (namespaces.has(m[2]!.split('.')[0]!) && !/\.(tsx?|json|css)$/.test(m[2]!)) used.set(m[2]!, file);
    }
  }
  return used;
}

function resolves(catalogue: Map<string, string>, key: string): boolean {
  return catalogue.has(key) || PLURAL_SUFFIXES.some((s) => catalogue.has(key + s));
}

test('every language has the same keys, none of them empty', () => {
  const en = catalogues.get('en')!;
  for (const lang of LANGUAGES) {
    const cat = catalogues.get(lang)!;
    const missing = [...en.keys()].filter((k) => !cat.has(k));
    const extra = [...cat.keys()].filter((k) => !en.has(k));
    assert.deepEqual(missing, [], `${lang}.json lacks keys that en.json has`);
    assert.deepEqual(extra, [], `${lang}.json has keys that en.json lacks`);
    const empty = [...cat].filter(([, v]) => v.trim() === '').map(([k]) => k);
    assert.deepEqual(empty, [], `${lang}.json has empty translations`);
  }
});

test('every key used in the code exists in every language', () => {
  const used = usedKeys();
  assert.ok(used.size > 50, `expected to find the console's keys, found ${used.size}`);
  for (const lang of LANGUAGES) {
    const cat = catalogues.get(lang)!;
    const missing = [...used].filter(([key]) => !resolves(cat, key)).map(([key, file]) => `${key} (${file.slice(WEB_SRC.length)})`);
    assert.deepEqual(missing, [], `${lang}.json lacks keys used in web/src`);
  }
});

test('interpolation placeholders match across languages', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  const en = catalogues.get('en')!;
  for (const lang of LANGUAGES) {
    const cat = catalogues.get(lang)!;
    for (const [key, value] of en) {
      const other = cat.get(key);
      if (other !== undefined) assert.deepEqual(placeholders(other), placeholders(value), `${lang}.json ${key}`);
    }
  }
});
