import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { deliver, newStats, peerAddress, stderrLog, type FrameSink, type Listener, type ListenerLog } from './listener.ts';
import { readUdpSocketDrops } from './socket-drops.ts';

export interface UdpListenerOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** SO_RCVBUF in bytes; a larger buffer rides out bursts (the kernel may cap it at rmem_max). */
  readonly recvBufferSize?: number;
  /** A peer's batch is handed on when it reaches this many frames, even within one tick. Default 1024. */
  readonly maxBatchFrames?: number;
  /** How often `stats.socketDrops` is refreshed from /proc. Default 5000 ms; 0 turns it off. */
  readonly dropsRefreshMs?: number;
  readonly log?: ListenerLog;
}

export interface UdpListener extends Listener {
  /** Read the kernel's drop counter for this socket now; also stored in `stats.socketDrops`. */
  refreshDrops(): Promise<number>;
}

export const DEFAULT_MAX_BATCH_FRAMES = 1024;

/**
 * Syslog over UDP (RFC 5426): one datagram is one message, except that some senders pack several
 * LF-separated messages into one datagram, so datagrams are split on LF. Datagrams arriving in
 * the same event-loop turn are coalesced per sender into one batch.
 */
export function createUdpListener(options: UdpListenerOptions, sink: FrameSink): UdpListener {
  const stats = newStats(options.name, 'udp');
  const log = options.log ?? stderrLog;
  const maxBatch = options.maxBatchFrames ?? DEFAULT_MAX_BATCH_FRAMES;
  const pending = new Map<string, { receivedAt: number; frames: string[] }>();
  let flushScheduled = false;
  let socket: Socket | undefined;
  let boundPort = 0;
  let dropsTimer: NodeJS.Timeout | undefined;

  const send = (peer: string, batch: { receivedAt: number; frames: string[] }): void => {
    deliver(sink, { listener: options.name, peer, receivedAt: batch.receivedAt, frames: batch.frames }, stats, log);
  };

  const flush = (): void => {
    flushScheduled = false;
    for (const [peer, batch] of pending) send(peer, batch);
    pending.clear();
  };

  const onMessage = (msg: Buffer, rinfo: RemoteInfo): void => {
    stats.bytesReceived += msg.length;
    const peer = peerAddress(rinfo.address);
    let batch = pending.get(peer);
    if (batch === undefined) {
      batch = { receivedAt: Date.now(), frames: [] };
      pending.set(peer, batch);
    }
    splitDatagram(msg, batch.frames);
    if (batch.frames.length >= maxBatch) {
      pending.delete(peer);
      send(peer, batch);
    }
    if (!flushScheduled && pending.size > 0) {
      flushScheduled = true;
      // setImmediate runs after the poll phase, so every datagram read in this turn is coalesced.
      setImmediate(flush);
    }
  };

  const refreshDrops = async (): Promise<number> => {
    if (boundPort === 0) return stats.socketDrops;
    const drops = await readUdpSocketDrops(boundPort);
    if (drops !== undefined) stats.socketDrops = drops;
    return stats.socketDrops;
  };

  return {
    name: options.name,
    stats,
    refreshDrops,
    async start() {
      if (socket !== undefined) throw new Error(`listener ${options.name} already started`);
      const s = createSocket({ type: isIPv6(options.host) ? 'udp6' : 'udp4', recvBufferSize: options.recvBufferSize });
      s.on('message', onMessage);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.bind({ address: options.host, port: options.port }, () => {
          s.off('error', reject);
          resolve();
        });
      });
      s.on('error', (err) => log(`listener ${options.name}: ${err.message}`));
      socket = s;
      const addr = s.address();
      boundPort = addr.port;
      const every = options.dropsRefreshMs ?? 5000;
      if (every > 0) {
        dropsTimer = setInterval(() => void refreshDrops().catch(() => undefined), every);
        dropsTimer.unref();
      }
      return { host: addr.address, port: addr.port };
    },
    async stop() {
      const s = socket;
      if (s === undefined) return;
      socket = undefined;
      clearInterval(dropsTimer);
      await refreshDrops().catch(() => undefined);
      await new Promise<void>((resolve) => s.close(() => resolve()));
      flush();
    },
  };
}

/** Append the messages of one datagram to `frames`: split on LF, trailing CR/NUL dropped, blanks skipped. */
export function splitDatagram(msg: Buffer, frames: string[]): void {
  const text = msg.toString('utf8');
  if (text.indexOf('\n') < 0) {
    pushTrimmed(text, frames);
    return;
  }
  for (const line of text.split('\n')) pushTrimmed(line, frames);
}

function pushTrimmed(line: string, frames: string[]): void {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x0d && c !== 0x00 && c !== 0x0a) break;
    end--;
  }
  if (end > 0) frames.push(end === line.length ? line : line.slice(0, end));
}
