import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DirectoryTailer, type TailBatch } from '../../../src/telemetry/files/tailer.ts';

const ZEEK_HEADER = [
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', '#open\t2026-03-02-10-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto', '#types\ttime\tstring\taddr\tport\taddr\tport\tenum',
].join('\n') + '\n';
const conn = (i: number): string => `1772445600.${String(i).padStart(6, '0')}\tC${i}\t10.0.0.1\t${1000 + i}\t10.0.0.2\t53\tudp\n`;
const eve = (i: number): string => `{"timestamp":"2026-03-02T11:00:00.000000+0100","event_type":"flow","flow_id":${i},"src_ip":"10.0.0.1","flow":{"state":"closed"}}\n`;
const lines = (from: number, to: number, f: (i: number) => string): string => Array.from({ length: to - from }, (_, k) => f(from + k)).join('');

/** A consumer that stores event ids, so tests can count exactly what arrived. */
function harness(dir: string): { ids: string[]; rejects: string[]; open: () => Promise<DirectoryTailer>; fail: { next: boolean } } {
  const ids: string[] = [];
  const rejects: string[] = [];
  const fail = { next: false };
  const onBatch = async (b: TailBatch): Promise<void> => {
    if (fail.next) {
      fail.next = false;
      throw new Error('store down');
    }
    for (const e of b.events) ids.push(e['event.id'] ?? '?');
    for (const r of b.rejects) rejects.push(r.reason);
  };
  const open = (): Promise<DirectoryTailer> => DirectoryTailer.open({ dir, checkpointPath: join(dir, '.vaern-checkpoints.json'), tenant: 't', sensor: 's', onBatch, readBytes: 256 });
  return { ids, rejects, open, fail };
}

const range = (from: number, to: number, prefix = ''): string[] => Array.from({ length: to - from }, (_, k) => `${prefix}${from + k}`);
const sortNum = (xs: string[]): string[] => [...xs].sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));

test('appended lines are read as they come; a partial last line waits for its newline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-tail-'));
  try {
    const h = harness(dir);
    const t = await h.open();
    writeFileSync(join(dir, 'eve.json'), lines(0, 10, eve));
    await t.poll();
    assert.deepEqual(h.ids, range(0, 10));
    const partial = eve(19);
    appendFileSync(join(dir, 'eve.json'), lines(10, 19, eve) + partial.slice(0, 30));
    await t.poll();
    assert.deepEqual(h.ids, range(0, 19));
    appendFileSync(join(dir, 'eve.json'), partial.slice(30) + lines(20, 25, eve));
    await t.poll();
    assert.deepEqual(h.ids, range(0, 25));
    assert.deepEqual(h.rejects, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rotation by rename, gzip archive read once, restart from checkpoint: every line exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-tail-'));
  try {
    const h = harness(dir);
    let t = await h.open();
    const cur = join(dir, 'conn.log');
    writeFileSync(cur, ZEEK_HEADER + lines(0, 50, conn));
    await t.poll();
    assert.equal(h.ids.length, 50);
    // Zeek appends, then rotates: the renamed file still has lines the tailer has not read.
    appendFileSync(cur, lines(50, 60, conn));
    renameSync(cur, join(dir, 'conn.2026-03-02-10-00-00.log'));
    writeFileSync(cur, ZEEK_HEADER.replace('10-00-00', '11-00-00') + lines(60, 70, conn));
    await t.poll();
    assert.deepEqual(sortNum(h.ids), range(0, 70, 'C'));
    // The rotated file is compressed (a new inode, the same content) and the plain one removed.
    const rotated = join(dir, 'conn.2026-03-02-10-00-00.log');
    writeFileSync(`${rotated}.gz`, gzipSync(readFileSync(rotated)));
    rmSync(rotated);
    await t.poll();
    assert.equal(h.ids.length, 70, 'archive of a file already read adds nothing');
    // Restart: a new tailer from the checkpoint file; the live file grows meanwhile.
    appendFileSync(cur, lines(70, 80, conn));
    await t.stop();
    t = await h.open();
    await t.poll();
    await t.poll();
    assert.deepEqual(sortNum(h.ids), range(0, 80, 'C'));
    // An archive never seen before (copied in from elsewhere) is read once, whole.
    writeFileSync(join(dir, 'conn.2026-03-01-23-00-00.log.gz'), gzipSync(ZEEK_HEADER + lines(1000, 1005, conn)));
    await t.poll();
    await t.poll();
    assert.deepEqual(sortNum(h.ids), [...range(0, 80, 'C'), ...range(1000, 1005, 'C')]);
    assert.deepEqual(h.rejects, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('resuming inside a Zeek TSV file re-reads its header; a failed store is retried, not lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-tail-'));
  try {
    const h = harness(dir);
    let t = await h.open();
    const cur = join(dir, 'conn.log');
    writeFileSync(cur, ZEEK_HEADER + lines(0, 20, conn));
    await t.poll();
    await t.stop();
    appendFileSync(cur, lines(20, 40, conn));
    t = await h.open();
    h.fail.next = true;
    await assert.rejects(t.poll(), /store down/);
    await t.poll();
    assert.deepEqual(sortNum(h.ids), range(0, 40, 'C'));
    assert.deepEqual(h.rejects, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('truncation and copytruncate: the copy continues where the file was, the truncated file starts over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-tail-'));
  try {
    const h = harness(dir);
    const t = await h.open();
    const cur = join(dir, 'eve.json');
    writeFileSync(cur, lines(0, 10, eve));
    await t.poll();
    appendFileSync(cur, lines(10, 15, eve));
    writeFileSync(join(dir, 'eve.json.1'), readFileSync(cur));
    writeFileSync(cur, lines(100, 103, eve));
    await t.poll();
    assert.deepEqual(sortNum(h.ids), [...range(0, 15), ...range(100, 103)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file rotated and compressed before the tailer saw its last lines: the archive supplies just those', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-tail-'));
  try {
    const h = harness(dir);
    const t = await h.open();
    const cur = join(dir, 'eve.json');
    writeFileSync(cur, lines(0, 10, eve));
    await t.poll();
    appendFileSync(cur, lines(10, 15, eve));
    writeFileSync(join(dir, 'eve.json.1.gz'), gzipSync(readFileSync(cur)));
    rmSync(cur);
    writeFileSync(cur, lines(100, 103, eve));
    await t.poll();
    await t.poll();
    assert.deepEqual(sortNum(h.ids), [...range(0, 15), ...range(100, 103)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
