import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTcpListener } from '../../../src/telemetry/listeners/tcp.ts';
import { openSpool } from '../../../src/telemetry/spool/spool.ts';
import { tcpConnect, waitFor, write } from '../listeners/helpers.ts';

test('TCP listener into the spool: a frame counts as received only once it is in the spool file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-spool-wire-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spool = await openSpool(dir);
  const listener = createTcpListener({ name: 'syslog-tcp', host: '127.0.0.1', port: 0, log: () => {} }, (batch) => spool.append(batch));
  const { port } = await listener.start();
  const s = await tcpConnect(port);
  await write(s, '<13>one\n<13>two\n');
  await waitFor(() => listener.stats.framesReceived === 2, 'two frames received');
  assert.equal(spool.stats.pendingFrames, 2);

  // A spool that cannot take the batch (here: closed) means the frames are not counted as received.
  await spool.close();
  await write(s, '<13>three\n');
  await waitFor(() => listener.stats.sinkErrors === 1, 'sink error');
  assert.equal(listener.stats.framesReceived, 2);
  s.destroy();
  await listener.stop();

  const reopened = await openSpool(dir);
  const r = await reopened.read(100);
  assert.deepEqual(r.batches.flatMap((b) => b.frames), ['<13>one', '<13>two']);
  assert.equal(r.batches[0]!.listener, 'syslog-tcp');
  assert.equal(r.batches[0]!.peer, '127.0.0.1');
  await reopened.close();
});
