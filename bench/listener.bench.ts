/**
 * Syslog listener throughput on loopback: TCP through framing (newline and octet counting) to a
 * counting sink, and UDP datagrams/s with the kernel's drops. Senders run in a worker thread so
 * they do not share the listener's event loop.
 */
import { Worker } from 'node:worker_threads';
import { createTcpListener } from '../src/telemetry/listeners/tcp.ts';
import { createUdpListener } from '../src/telemetry/listeners/udp.ts';
import type { FrameSink } from '../src/telemetry/listeners/listener.ts';

const LINE =
  '<189>date=2026-11-23 time=08:00:00 devname="fw-town-hall" devid="FG100F" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=203.0.113.7 srcport=51234 dstip=10.1.2.3 dstport=443 proto=6 action="deny" policyid=0';

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

function counting(): { sink: FrameSink; count: () => number } {
  let n = 0;
  return { sink: (b) => void (n += b.frames.length), count: () => n };
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
}

/** Plain JS for the worker: open `conns` connections and write `block` `repeat` times on each. */
const TCP_SENDER = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const { port, conns, block, repeat } = workerData;
let done = 0;
for (let c = 0; c < conns; c++) {
  const s = net.connect({ host: '127.0.0.1', port }, () => {
    let i = 0;
    const pump = () => { while (i < repeat) { i++; if (!s.write(block)) return s.once('drain', pump); } s.end(); };
    pump();
  });
  s.on('close', () => { if (++done === conns) parentPort.postMessage('done'); });
}`;

async function tcp(framing: 'newline' | 'octet'): Promise<void> {
  const c = counting();
  const l = createTcpListener({ name: 'bench', host: '127.0.0.1', port: 0 }, c.sink);
  const { port } = await l.start();
  const lines = 1000;
  const one = framing === 'newline' ? `${LINE}\n` : `${Buffer.byteLength(LINE)} ${LINE}`;
  const block = Buffer.from(one.repeat(lines));
  const conns = 4;
  const repeat = 500;
  const total = conns * repeat * lines;
  const start = process.hrtime.bigint();
  const w = new Worker(TCP_SENDER, { eval: true, workerData: { port, conns, block, repeat } });
  await until(() => c.count() >= total, 120_000);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  await w.terminate();
  await l.stop();
  if (c.count() !== total) throw new Error(`tcp ${framing}: got ${c.count()} of ${total} frames`);
  emit(`listener.tcp.${framing}.frames_per_s`, total / secs, 'frames/s');
  emit(`listener.tcp.${framing}.mb_per_s`, (block.length * conns * repeat) / secs / 1e6, 'MB/s');
}

const UDP_SENDER = `
const { workerData, parentPort } = require('node:worker_threads');
const dgram = require('node:dgram');
const { port, count, line } = workerData;
const s = dgram.createSocket('udp4');
const msg = Buffer.from(line);
let sent = 0;
s.connect(port, '127.0.0.1', () => {
  const start = process.hrtime.bigint();
  const burst = () => {
    for (let i = 0; i < 256 && sent < count; i++, sent++) s.send(msg);
    if (sent < count) return setImmediate(burst);
    s.send(msg, () => { parentPort.postMessage(Number(process.hrtime.bigint() - start) / 1e9); s.close(); });
  };
  burst();
});`;

async function udp(): Promise<void> {
  const c = counting();
  const l = createUdpListener({ name: 'bench', host: '127.0.0.1', port: 0, recvBufferSize: 8 << 20, dropsRefreshMs: 0 }, c.sink);
  const { port } = await l.start();
  const count = 500_000;
  const start = process.hrtime.bigint();
  const w = new Worker(UDP_SENDER, { eval: true, workerData: { port, count, line: LINE } });
  let senderSecs = 0;
  w.once('message', (secs: number) => (senderSecs = secs));
  await until(() => senderSecs > 0, 120_000);
  // After the sender stops, what is still in the socket buffer drains; then the counts settle.
  let last = -1;
  let lastChange = process.hrtime.bigint();
  while (c.count() !== last) {
    lastChange = process.hrtime.bigint();
    last = c.count();
    await new Promise((r) => setTimeout(r, 50));
  }
  const secs = Number(lastChange - start) / 1e9;
  const drops = await l.refreshDrops();
  await w.terminate();
  await l.stop();
  emit('listener.udp.sender_datagrams_per_s', (count + 1) / senderSecs, 'datagrams/s');
  emit('listener.udp.datagrams_per_s', c.count() / secs, 'datagrams/s');
  emit('listener.udp.received', c.count(), 'datagrams');
  emit('listener.udp.socket_drops', drops, 'datagrams');
  emit('listener.udp.sent', count + 1, 'datagrams');
}

await tcp('newline');
await tcp('octet');
await udp();
