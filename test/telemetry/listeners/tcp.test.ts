import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTcpListener } from '../../../src/telemetry/listeners/tcp.ts';
import type { Listener } from '../../../src/telemetry/listeners/listener.ts';
import type { TcpListenerOptions } from '../../../src/telemetry/listeners/tcp.ts';
import { closed, collector, tcpConnect, waitFor, write } from './helpers.ts';

async function withListener(
  opts: Partial<TcpListenerOptions>,
  body: (l: Listener, port: number, c: ReturnType<typeof collector>) => Promise<void>,
): Promise<void> {
  const c = collector();
  const l = createTcpListener({ name: 'tcp-test', host: '127.0.0.1', port: 0, log: () => {}, ...opts }, c.sink);
  const { port, host } = await l.start();
  assert.equal(host, '127.0.0.1');
  assert.ok(port > 0);
  try {
    await body(l, port, c);
  } finally {
    await l.stop();
  }
}

test('TCP: newline frames with LF, CRLF and NUL trailers arrive with the peer address', async () => {
  await withListener({}, async (l, port, c) => {
    const s = await tcpConnect(port);
    const parts = ['<13>one\n<13>two\r\n<13>three\0<13>fo', 'ur\n'];
    for (const p of parts) await write(s, p);
    s.end();
    await waitFor(() => c.frames().length === 4, 'four frames');
    assert.deepEqual(c.frames(), ['<13>one', '<13>two', '<13>three', '<13>four']);
    assert.equal(c.batches[0]!.peer, '127.0.0.1');
    assert.equal(c.batches[0]!.listener, 'tcp-test');
    assert.equal(l.stats.framesReceived, 4);
    assert.equal(l.stats.bytesReceived, Buffer.byteLength(parts.join('')));
  });
});

test('TCP: octet-counted frames written one byte at a time', async () => {
  await withListener({}, async (_l, port, c) => {
    const msgs = ['<13>first message', '<14>zweite Nachricht – ÆØÅ', '<15>third\nwith a newline inside'];
    const stream = Buffer.concat(msgs.map((m) => Buffer.from(`${Buffer.byteLength(m)} ${m}`)));
    const s = await tcpConnect(port);
    s.setNoDelay(true);
    for (const b of stream) await write(s, Buffer.from([b]));
    await waitFor(() => c.frames().length === 3, 'three frames');
    assert.deepEqual(c.frames(), msgs);
    s.destroy();
  });
});

test('TCP: an oversized frame is cut and reported as a reject, and the next frame arrives', async () => {
  await withListener({ maxFrameBytes: 100 }, async (l, port, c) => {
    const s = await tcpConnect(port);
    await write(s, `<13>before\n<13>${'x'.repeat(500)}\n<13>after\n`);
    await waitFor(() => c.frames().includes('<13>after'), 'the frame after');
    assert.deepEqual(c.frames(), ['<13>before', '<13>after']);
    const rejects = c.batches.flatMap((b) => b.rejects ?? []);
    assert.equal(rejects.length, 1);
    assert.equal(rejects[0]!.kind, 'oversized');
    assert.equal(rejects[0]!.raw.length, 100);
    assert.equal(l.stats.framesOversized, 1);
    s.destroy();
  });
});

test('TCP: a client sending garbage then good lines still gets the good lines through', async () => {
  await withListener({}, async (_l, port, c) => {
    const s = await tcpConnect(port);
    await write(s, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x0a, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x0a]));
    await write(s, '<13>good one\n<13>good two\n');
    s.end();
    await waitFor(() => c.frames().includes('<13>good two'), 'good lines');
    assert.deepEqual(c.frames().slice(-2), ['<13>good one', '<13>good two']);
  });
});

test('TCP: a bad octet count is reported and later frames on the connection arrive', async () => {
  await withListener({}, async (l, port, c) => {
    const s = await tcpConnect(port);
    await write(s, '9 <13>hello12x <13>junk 8 <13>okay');
    s.end();
    await waitFor(() => c.frames().includes('<13>okay'), 'frame after resync');
    assert.deepEqual(c.frames(), ['<13>hello', '<13>okay']);
    assert.equal(l.stats.framingErrors, 1);
    assert.deepEqual(
      c.batches.flatMap((b) => b.rejects ?? []).map((r) => r.raw),
      ['12x <13>junk '],
    );
  });
});

test('TCP: many concurrent connections all deliver, and connections are counted down', async () => {
  await withListener({}, async (l, port, c) => {
    const clients = await Promise.all(Array.from({ length: 40 }, () => tcpConnect(port)));
    await waitFor(() => l.stats.connections === 40, '40 connections');
    await Promise.all(
      clients.map(async (s, i) => {
        for (let j = 0; j < 50; j++) await write(s, `<13>client ${i} line ${j}\n`);
        s.end();
      }),
    );
    await waitFor(() => c.frames().length === 2000, '2000 frames');
    await waitFor(() => l.stats.connections === 0, 'connections closed');
    const perClient = new Map<string, number>();
    for (const f of c.frames()) {
      const id = f.split(' ')[1]!;
      perClient.set(id, (perClient.get(id) ?? 0) + 1);
    }
    assert.equal(perClient.size, 40);
    for (const n of perClient.values()) assert.equal(n, 50);
  });
});

test('TCP: stop() closes open clients', async () => {
  const c = collector();
  const l = createTcpListener({ name: 't', host: '127.0.0.1', port: 0 }, c.sink);
  const { port } = await l.start();
  const clients = await Promise.all([tcpConnect(port), tcpConnect(port)]);
  for (const s of clients) s.on('error', () => {});
  await waitFor(() => l.stats.connections === 2, 'two connections');
  await l.stop();
  await Promise.all(clients.map(closed));
  assert.equal(l.stats.connections, 0);
});

test('TCP: a throwing sink is counted and the listener keeps serving', async () => {
  let calls = 0;
  const got: string[] = [];
  const logged: string[] = [];
  const l = createTcpListener({ name: 't', host: '127.0.0.1', port: 0, log: (m) => logged.push(m) }, (b) => {
    calls++;
    if (calls === 1) throw new Error('store down');
    got.push(...b.frames);
  });
  const { port } = await l.start();
  try {
    const s = await tcpConnect(port);
    await write(s, '<13>lost\n');
    await waitFor(() => l.stats.sinkErrors === 1, 'sink error');
    await write(s, '<13>kept\n');
    await waitFor(() => got.length === 1, 'second frame');
    assert.deepEqual(got, ['<13>kept']);
    assert.equal(l.stats.framesReceived, 1);
    assert.match(logged[0]!, /store down/);
    s.destroy();
  } finally {
    await l.stop();
  }
});

test('TCP: connections beyond maxConnections are refused and counted', async () => {
  await withListener({ maxConnections: 2 }, async (l, port) => {
    const a = await tcpConnect(port);
    const b = await tcpConnect(port);
    await waitFor(() => l.stats.connections === 2, 'two connections');
    const extra = await tcpConnect(port);
    extra.on('error', () => {});
    await closed(extra);
    assert.equal(l.stats.connectionsRefused, 1);
    a.destroy();
    b.destroy();
  });
});

test('TCP: idle connections are closed after idleTimeoutMs', async () => {
  await withListener({ idleTimeoutMs: 50 }, async (l, port) => {
    const s = await tcpConnect(port);
    await closed(s);
    await waitFor(() => l.stats.connections === 0, 'connection closed');
  });
});
