import { connect, type Socket } from 'node:net';
import type { FrameBatch, FrameSink } from '../../../src/telemetry/listeners/listener.ts';

/** A sink that keeps every batch, and the frames flattened. */
export function collector(): { sink: FrameSink; batches: FrameBatch[]; frames: () => string[] } {
  const batches: FrameBatch[] = [];
  return { sink: (b) => void batches.push(b), batches, frames: () => batches.flatMap((b) => b.frames) };
}

/** Poll until `cond` holds; fails after `ms` rather than hanging the run. */
export async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function tcpConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

export function write(s: Socket, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => s.write(data, (err) => (err ? reject(err) : resolve())));
}

export function closed(s: Socket): Promise<void> {
  return new Promise((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())));
}
