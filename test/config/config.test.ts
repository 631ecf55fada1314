import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../src/config/config.ts';
import { configurationReference } from '../../src/config/reference.ts';

const emptyDir = (): string => mkdtempSync(join(tmpdir(), 'vaern-config-'));

test('no file and no environment gives the documented defaults', () => {
  const c = loadConfig({}, emptyDir());
  assert.equal(c.http.port, 8080);
  assert.equal(c.dataDir, './data');
  assert.deepEqual(c.listeners.map((l) => `${l.protocol}:${l.port}`), ['udp:5514', 'tcp:5514', 'netflow:2055']);
});

test('environment overrides the file', () => {
  const dir = emptyDir();
  writeFileSync(join(dir, 'vaern.yaml'), 'http:\n  port: 9000\ndataDir: /srv/vaern\n');
  const c = loadConfig({ VAERN_PORT: '8181', VAERN_SYSLOG_PORT: '6514', VAERN_NETFLOW_PORT: '9995', VAERN_DATA_DIR: '/var/lib/vaern' }, dir);
  assert.equal(c.http.port, 8181);
  assert.equal(c.dataDir, '/var/lib/vaern');
  assert.deepEqual(c.listeners.map((l) => l.port), [6514, 6514, 9995]);
});

test('an unknown key is an error naming the file and the key', () => {
  const dir = emptyDir();
  writeFileSync(join(dir, 'vaern.yaml'), 'htpp:\n  port: 9000\n');
  assert.throws(() => loadConfig({}, dir), (err: unknown) => err instanceof ConfigError && /vaern\.yaml/.test(err.message) && /htpp/.test(err.message));
});

test('a bad port in the environment is a clear error', () => {
  assert.throws(() => loadConfig({ VAERN_PORT: 'eighty' }, emptyDir()), /VAERN_PORT: expected a port number/);
});

test('a sensor must match by exactly one of address or listener', () => {
  const dir = emptyDir();
  writeFileSync(join(dir, 'vaern.yaml'), 'sensors:\n  - { name: fw, tenant: nordby }\n');
  assert.throws(() => loadConfig({}, dir), /exactly one of `address` or `listener`/);
});

test('docs/configuration.md is what the schema generates (run `npm run docs`)', () => {
  const committed = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
  assert.equal(committed, configurationReference());
});
