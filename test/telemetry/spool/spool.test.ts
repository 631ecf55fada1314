import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpoolLockedError } from '../../../src/telemetry/spool/lock.ts';
import { openSpool, type Spool } from '../../../src/telemetry/spool/spool.ts';
import type { FrameBatch } from '../../../src/telemetry/listeners/listener.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-spool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const batch = (i: number, frames = 2): FrameBatch => ({
  listener: 'syslog-tcp',
  peer: '192.0.2.7',
  receivedAt: 1_700_000_000_000 + i,
  frames: Array.from({ length: frames }, (_, j) => `<13>batch ${i} frame ${j} ÆØÅ`),
});

async function readAll(spool: Spool, maxFrames = 1_000_000): Promise<{ batches: FrameBatch[]; position: number }> {
  const batches: FrameBatch[] = [];
  let position = spool.stats.ackedPosition;
  for (;;) {
    const r = await spool.read(maxFrames);
    if (r.batches.length === 0) return { batches, position };
    batches.push(...r.batches);
    position = r.position;
  }
}

test('spool: batches come back in order with all fields, including framing rejects', async (t) => {
  const dir = tempDir(t);
  const spool = await openSpool(dir);
  const withRejects: FrameBatch = { ...batch(1), rejects: [{ kind: 'oversized', reason: 'line exceeds 10 bytes; cut', raw: 'xxxxxxxxxx' }] };
  spool.append(batch(0));
  spool.append(withRejects);
  assert.equal(spool.stats.pendingFrames, 4);
  const { batches } = await readAll(spool);
  assert.deepEqual(batches, [batch(0), withRejects]);
  await spool.close();
});

test('spool: ack part, reopen, and exactly the unacknowledged batches replay once', async (t) => {
  const dir = tempDir(t);
  let spool = await openSpool(dir);
  for (let i = 0; i < 10; i++) spool.append(batch(i));
  const first = await spool.read(8); // four batches of two frames
  assert.deepEqual(first.batches, [0, 1, 2, 3].map((i) => batch(i)));
  await spool.ack(first.position);
  assert.equal(spool.stats.pendingFrames, 12);
  const unacked = await spool.read(4); // read but never acknowledged: must come back
  assert.equal(unacked.batches.length, 2);
  await spool.close();

  spool = await openSpool(dir);
  assert.equal(spool.stats.pendingFrames, 12);
  const replay = await readAll(spool);
  assert.deepEqual(replay.batches, [4, 5, 6, 7, 8, 9].map((i) => batch(i)));
  await spool.ack(replay.position);
  assert.equal(spool.stats.pendingFrames, 0);
  await spool.close();

  spool = await openSpool(dir);
  assert.deepEqual((await readAll(spool)).batches, []);
  spool.append(batch(10));
  assert.deepEqual((await readAll(spool)).batches, [batch(10)]);
  await spool.close();
});

test('spool: a torn tail loses only the incomplete record, and appending continues after it', async (t) => {
  const dir = tempDir(t);
  let spool = await openSpool(dir);
  for (let i = 0; i < 3; i++) spool.append(batch(i));
  await spool.close();
  const [segment] = readdirSync(dir).filter((n) => n.endsWith('.seg'));
  const path = join(dir, segment!);
  truncateSync(path, statSync(path).size - 5);

  spool = await openSpool(dir);
  assert.equal(spool.stats.pendingFrames, 4);
  spool.append(batch(3));
  assert.deepEqual((await readAll(spool)).batches, [batch(0), batch(1), batch(3)]);
  await spool.close();
});

test('spool: a corrupted record in the tail is cut off with everything after it', async (t) => {
  const dir = tempDir(t);
  let spool = await openSpool(dir);
  for (let i = 0; i < 3; i++) spool.append(batch(i));
  const size = spool.stats.writePosition;
  await spool.close();
  const [segment] = readdirSync(dir).filter((n) => n.endsWith('.seg'));
  const bytes = readFileSync(join(dir, segment!));
  bytes[Math.floor((size * 2) / 3) + 20]! ^= 0xff; // inside the third record's payload
  writeFileSync(join(dir, segment!), bytes);
  spool = await openSpool(dir);
  assert.equal(spool.stats.corruptRecords, 1);
  assert.deepEqual((await readAll(spool)).batches, [batch(0), batch(1)]);
  await spool.close();
});

test('spool: segments roll at the size limit, acknowledged segments are deleted, reads stay bounded', async (t) => {
  const dir = tempDir(t);
  const spool = await openSpool(dir, { segmentBytes: 4096, readBufferBytes: 512 });
  for (let i = 0; i < 200; i++) spool.append(batch(i, 3));
  assert.ok(spool.stats.segments > 5, `expected many segments, got ${spool.stats.segments}`);
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.seg')).length, spool.stats.segments);
  let next = 0;
  for (;;) {
    const r = await spool.read(30);
    if (r.batches.length === 0) break;
    assert.ok(r.batches.length <= 10);
    for (const b of r.batches) assert.deepEqual(b, batch(next++, 3));
    await spool.ack(r.position);
  }
  assert.equal(next, 200);
  assert.equal(spool.stats.segments, 1);
  assert.equal(spool.stats.pendingFrames, 0);
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.seg')).length, 1);
  await spool.close();
});

test('spool: a record larger than the read buffer is still read', async (t) => {
  const dir = tempDir(t);
  const spool = await openSpool(dir, { readBufferBytes: 64 });
  const big: FrameBatch = { ...batch(0), frames: ['<13>' + 'z'.repeat(10_000)] };
  spool.append(batch(1));
  spool.append(big);
  assert.deepEqual((await readAll(spool)).batches, [batch(1), big]);
  await spool.close();
});

test('spool: readable() resolves on the next append; sync() advances the synced position', async (t) => {
  const dir = tempDir(t);
  const spool = await openSpool(dir, { syncIntervalMs: 60_000 });
  let woke = false;
  const waiting = spool.readable().then(() => {
    woke = true;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(woke, false);
  spool.append(batch(0));
  await waiting;
  assert.ok(spool.stats.syncedPosition < spool.stats.writePosition);
  await spool.sync();
  assert.equal(spool.stats.syncedPosition, spool.stats.writePosition);
  await assert.rejects(spool.ack(12345), RangeError);
  await spool.close();
});

test('spool: a child killed with SIGKILL mid-stream loses nothing it reported as appended', async (t) => {
  const dir = tempDir(t);
  const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
  const child = spawn(node, [fileURLToPath(new URL('./append-child.ts', import.meta.url)), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let appended = -1;
  let synced = -1;
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const lines = text.split('\n');
      text = lines.pop()!;
      for (const line of lines) {
        const [what, n] = line.split(' ');
        if (what === 'appended') appended = Number(n);
        if (what === 'synced') synced = Number(n);
      }
      // Past several segment rolls, and kill at whatever point the child is in.
      if (appended >= 1500 && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.once('exit', () => resolve());
  });
  await exited;
  assert.ok(appended >= 1500, 'child ran long enough');
  assert.ok(synced >= 0);
  // The dead child's lock is still there; opening takes it over rather than waiting for it.
  assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8').trim(), String(child.pid));

  const spool = await openSpool(dir, { segmentBytes: 64 * 1024 });
  const { batches } = await readAll(spool);
  // Every reported batch is there, once, in order; a batch appended but not yet reported may also be.
  assert.ok(batches.length >= appended + 1, `recovered ${batches.length}, child reported ${appended + 1}`);
  batches.forEach((b, i) => {
    assert.equal(b.receivedAt, i);
    assert.equal(b.frames[0], `<13>batch ${i} a`);
    assert.equal(b.frames[1], `<13>batch ${i} b ${'x'.repeat(i % 300)}`);
  });
  assert.equal(spool.stats.pendingFrames, batches.length * 2);
  await spool.close();
});

test('spool: a second writer is refused while the first lives, in this process or another', async (t) => {
  const dir = tempDir(t);
  const first = await openSpool(dir);
  await assert.rejects(openSpool(dir), SpoolLockedError);
  first.append(batch(1));
  await first.close();
  const again = await openSpool(dir);
  assert.equal((await readAll(again)).batches.length, 1, 'the refused open touched nothing');
  await again.close();

  const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
  const child = spawn(node, [fileURLToPath(new URL('./append-child.ts', import.meta.url)), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  t.after(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => resolve());
  });
  await assert.rejects(openSpool(dir), (err: unknown) => err instanceof SpoolLockedError && err.message.includes(String(child.pid)));
  child.kill('SIGKILL');
  await exited;
});
