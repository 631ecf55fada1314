import { createSocket } from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The UDP reader of the NetFlow collector, on its own thread.
 *
 * Decoding allocates one event per record, so the decoding thread pauses for young-generation GC;
 * on a busy 2-core host those pauses stretch past what the socket buffer absorbs. This thread
 * allocates almost nothing (it copies datagrams into a packed block), so its own pauses are
 * rare and short and the socket keeps being drained while the decoder collects garbage.
 *
 * Messages to the parent: `{ bound: port }` once, then `{ block, lengths, addresses }` with the
 * datagrams of up to FLUSH_MS back to back in `block` (one copy, transferred to the parent).
 */

interface ReceiverConfig {
  host: string;
  port: number;
  recvBufferSize?: number;
  v6: boolean;
}

const BLOCK = 256 * 1024;
const FLUSH_MS = 2;

if (parentPort !== null) {
  const port = parentPort;
  const cfg = workerData as ReceiverConfig;
  const socket = createSocket({ type: cfg.v6 ? 'udp6' : 'udp4', ...(cfg.recvBufferSize ? { recvBufferSize: cfg.recvBufferSize } : {}) });
  const block = new Uint8Array(BLOCK);
  let used = 0;
  let lengths: number[] = [];
  let addresses: string[] = [];
  // A flush is scheduled only while datagrams wait, so an idle collector uses no CPU (the perf
  // harness waits for the collector's CPU time to settle).
  let timer: NodeJS.Timeout | undefined;
  const send = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (lengths.length === 0) return;
    const out = block.buffer.slice(0, used);
    port.postMessage({ block: out, lengths, addresses }, [out]);
    used = 0;
    lengths = [];
    addresses = [];
  };
  socket.on('message', (msg, rinfo) => {
    if (used + msg.length > BLOCK) send();
    if (msg.length > BLOCK) return;
    block.set(msg, used);
    used += msg.length;
    lengths.push(msg.length);
    addresses.push(rinfo.address);
    timer ??= setTimeout(send, FLUSH_MS);
  });
  socket.on('error', (err) => port.postMessage({ error: err.message }));
  socket.bind(cfg.port, cfg.host, () => port.postMessage({ bound: socket.address().port }));
  port.on('message', (m: { close?: boolean }) => {
    if (m.close) socket.close(() => {
      send();
      port.postMessage({ closed: true });
    });
  });
}
