import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { createUdpListener, splitDatagram } from '../../../src/telemetry/listeners/udp.ts';
import { parseUdpTable } from '../../../src/telemetry/listeners/socket-drops.ts';
import { collector, waitFor } from './helpers.ts';

function sender(): Socket {
  return createSocket('udp4');
}

function send(s: Socket, port: number, msg: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => s.send(msg, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
}

test('splitDatagram: one message, trailing newline, several LF-separated messages', () => {
  const frames: string[] = [];
  splitDatagram(Buffer.from('<13>a'), frames);
  splitDatagram(Buffer.from('<13>b\n'), frames);
  splitDatagram(Buffer.from('<13>c\r\n<13>d\n\n<13>e\0'), frames);
  splitDatagram(Buffer.from('\n'), frames);
  assert.deepEqual(frames, ['<13>a', '<13>b', '<13>c', '<13>d', '<13>e']);
});

test('UDP: datagrams arrive as frames with the sender address, on a port-0 bind', async () => {
  const c = collector();
  const l = createUdpListener({ name: 'udp-test', host: '127.0.0.1', port: 0 }, c.sink);
  const { host, port } = await l.start();
  assert.equal(host, '127.0.0.1');
  const s = sender();
  try {
    await send(s, port, '<13>one\n');
    await send(s, port, '<13>two\n<13>three\n');
    await send(s, port, 'ÆØÅ ünïcode');
    await waitFor(() => c.frames().length === 4, 'four frames');
    assert.deepEqual(c.frames(), ['<13>one', '<13>two', '<13>three', 'ÆØÅ ünïcode']);
    assert.ok(c.batches.every((b) => b.peer === '127.0.0.1' && b.listener === 'udp-test'));
    assert.equal(l.stats.framesReceived, 4);
    assert.equal(l.stats.protocol, 'udp');
  } finally {
    s.close();
    await l.stop();
  }
});

test('UDP: datagrams of one turn are coalesced into bounded batches', async () => {
  const c = collector();
  const l = createUdpListener({ name: 'u', host: '127.0.0.1', port: 0, maxBatchFrames: 8, recvBufferSize: 1 << 20 }, c.sink);
  const { port } = await l.start();
  const s = sender();
  try {
    await Promise.all(Array.from({ length: 100 }, (_, i) => send(s, port, `<13>m${i}`)));
    await waitFor(() => c.frames().length === 100, '100 frames');
    assert.ok(c.batches.every((b) => b.frames.length <= 8));
    assert.ok(c.batches.length < 100, `expected coalescing, got ${c.batches.length} batches`);
    assert.deepEqual(c.frames(), Array.from({ length: 100 }, (_, i) => `<13>m${i}`));
  } finally {
    s.close();
    await l.stop();
  }
});

test('UDP: a throwing sink never stops the listener', async () => {
  let n = 0;
  const l = createUdpListener({ name: 'u', host: '127.0.0.1', port: 0, log: () => {} }, () => {
    n++;
    throw new Error('boom');
  });
  const { port } = await l.start();
  const s = sender();
  try {
    await send(s, port, '<13>a');
    await waitFor(() => l.stats.sinkErrors >= 1, 'sink error');
    await send(s, port, '<13>b');
    await waitFor(() => n >= 2, 'second delivery');
    assert.equal(l.stats.framesReceived, 0);
  } finally {
    s.close();
    await l.stop();
  }
});

test('UDP: kernel drops on a small receive buffer show in socketDrops, and received + dropped = sent', async () => {
  const c = collector();
  const l = createUdpListener({ name: 'u', host: '127.0.0.1', port: 0, recvBufferSize: 4096, dropsRefreshMs: 0 }, c.sink);
  const { port } = await l.start();
  const s = sender();
  try {
    const payload = Buffer.alloc(1000, 0x61);
    const sent = 400;
    // Sent in one synchronous burst: the listener cannot read until this turn ends, so its tiny buffer overflows.
    for (let i = 0; i < sent; i++) s.send(payload, port, '127.0.0.1');
    await new Promise<void>((resolve) => s.send('x', port, '127.0.0.1', () => resolve()));
    const total = sent + 1;
    await waitFor(() => {
      void l.refreshDrops();
      return l.stats.framesReceived + l.stats.socketDrops === total;
    }, 'received + dropped = sent');
    assert.ok(l.stats.socketDrops > 0, 'expected drops with a 4 KiB receive buffer');
  } finally {
    s.close();
    await l.stop();
  }
});

test('parseUdpTable reads port, inode and drops', () => {
  const table = [
    '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
    '13463: 0100007F:CC1C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 20500 2 0000000055e93a9a 17',
  ].join('\n');
  assert.deepEqual(parseUdpTable(table), [{ port: 0xcc1c, inode: '20500', drops: 17 }]);
});
