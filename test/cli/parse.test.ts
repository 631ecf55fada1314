import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `vaern parse` run as users run it: the CLI in a child process, on files. */
const root = new URL('../../', import.meta.url);
const vaern = (args: string[], input?: string) =>
  spawnSync(join(root.pathname, 'node_modules/.bin/node'), [join(root.pathname, 'bin/vaern.js'), 'parse', ...args], { input, encoding: 'utf8', timeout: 60_000 });

const fg = (n: number, user: string) =>
  `<189>date=2026-11-02 time=08:00:0${n} devname="fw" devid="FG1" logid="0000000013" type="traffic" subtype="forward" tz="+0100" user="${user}" srcip=10.0.0.${n} srcport=1000 dstip=192.0.2.1 dstport=443 proto=6 action="accept"`;

test('NDJSON out, exact byte offsets across CRLF and UTF-8, bad line reported and skipped, last line without newline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-parse-'));
  const path = join(dir, 'fw.log');
  const lines = [fg(1, 'bjørn'), 'not a log line', fg(2, 'åse'), '', fg(3, 'x')];
  writeFileSync(path, `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}\n${lines[4]}`);
  const r = vaern([path]);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { log: { offset: number; file: { path: string } }; source: { ip: string }; user: { name: string } });
  assert.deepEqual(events.map((e) => e.source.ip), ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  assert.deepEqual(events.map((e) => e.user.name), ['bjørn', 'åse', 'x']);
  const bytes = (s: string) => Buffer.byteLength(s);
  const off2 = bytes(lines[0]!) + 2 + bytes(lines[1]!) + 1;
  const off3 = off2 + bytes(lines[2]!) + 2 + 1;
  assert.deepEqual(events.map((e) => e.log.offset), [0, off2, off3]);
  assert.equal(events[0]!.log.file.path, path);
  assert.match(r.stderr, new RegExp(`${path.replaceAll('/', '\\/')}:2: no decoder recognised the line`));
  assert.match(r.stderr, /5 lines from 1 file\(s\): 3 events, 1 rejected/);
});

test('stdin with a fixed format and tenant', () => {
  const r = vaern(['--format', 'fortigate', '--tenant', 'nordby', '--keep-original', '-'], `${fg(4, 'y')}\n`);
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout) as { vaern: { tenant: string }; event: { original: string } };
  assert.equal(e.vaern.tenant, 'nordby');
  assert.equal(e.event.original, fg(4, 'y'));
});

test('unknown format and unreadable file exit non-zero', () => {
  const a = vaern(['--format', 'nope', '-'], '');
  assert.equal(a.status, 2);
  assert.match(a.stderr, /unknown format "nope"/);
  const b = vaern(['/nonexistent/file.log']);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /cannot (?:open|read) \/nonexistent\/file.log/);
});

test('--workers: same events, rejects (with file line numbers) and summary as the single-threaded path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-parse-'));
  const path = join(dir, 'fw.log');
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) lines.push(i % 200 === 5 ? 'not a log line' : i % 250 === 7 ? '' : fg(i % 10, i % 3 === 0 ? 'åse' : 'x'));
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  const one = vaern(['--format', 'fortigate', '--workers', '0', path]);
  const two = vaern(['--format', 'fortigate', '--workers', '2', path]);
  assert.equal(two.status, 0, two.stderr);
  assert.equal(two.stdout, one.stdout);
  assert.equal(two.stderr, one.stderr);
  assert.match(two.stderr, new RegExp(`${path.replaceAll('/', '\\/')}:206: fortigate: no FortiGate fields`));
});

test('parse workers with small jobs: buffers go round, output stays in input order and equal to toEcsJson', async () => {
  const { open } = await import('node:fs/promises');
  const { parseInWorkers } = await import('../../src/cli/parse-workers/pool.ts');
  const { decodeBatch } = await import('../../src/telemetry/decode-batch.ts');
  const { toEcsJson } = await import('../../src/model/ecs-json.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vaern-parse-'));
  const path = join(dir, 'fw.log');
  const lines = Array.from({ length: 400 }, (_, i) => (i === 100 ? 'not a log line' : fg(i % 10, i % 7 === 0 ? 'bjørn "b" \\ x' : `u${i}`)));
  writeFileSync(path, `${lines.join('\n')}\n`);
  const chunks: Buffer[] = [];
  const rejected: { line: number; reason: string }[] = [];
  const handle = await open(path, 'r');
  const setup = { format: 'fortigate', tenant: 't', sensor: 's', keepOriginal: false, tzOffsetMin: 0, path };
  const read = await parseInWorkers(handle, setup, 2, {
    // Copied at once: the pool hands the buffer to a later job once this promise resolves.
    write: async (ndjson) => void chunks.push(Buffer.from(ndjson)),
    rejected: (r) => void rejected.push(...r),
  }, 2048);
  await handle.close();
  assert.equal(read, 400);
  assert.deepEqual(rejected.map((r) => r.line), [101]);
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += Buffer.byteLength(l) + 1;
  }
  const expected = decodeBatch(lines, { ...setup, origin: path, receivedAt: 0, file: { path, firstLine: 1, offsets } }).events.map((e) => `${toEcsJson(e)}\n`).join('');
  assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
  assert.ok(chunks.length > 20, `${chunks.length} jobs`);
});
