import type { Server, Socket } from 'node:net';
import { StreamFramer, type FramerOutput } from '../framing/stream-framer.ts';
import { deliver, newStats, peerAddress, stderrLog, type FrameSink, type Listener, type ListenerLog, type TransportStats } from './listener.ts';

/** Options shared by the stream transports (TCP, TLS). */
export interface StreamListenerOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Frames longer than this are cut and reported as rejects. Default 64 KiB. */
  readonly maxFrameBytes?: number;
  /**
   * Close a connection after this long without data. Default 0: never, because senders such as
   * rsyslog may lose the message that discovers a closed connection.
   */
  readonly idleTimeoutMs?: number;
  /** Further connections are refused (and counted). Default 1024. */
  readonly maxConnections?: number;
  readonly log?: ListenerLog;
}

export const DEFAULT_MAX_CONNECTIONS = 1024;

/**
 * What TCP and TLS share: per-connection framing, batching one chunk's frames, counting, and
 * closing clients on stop. `makeServer` builds the transport's server and wires `onSocket` to the
 * event that yields a readable socket (`connection`, or `secureConnection` for TLS).
 */
export function createStreamListener(
  protocol: 'tcp' | 'tls',
  options: StreamListenerOptions,
  sink: FrameSink,
  makeServer: (onSocket: (socket: Socket) => void, stats: TransportStats) => Promise<Server>,
): Listener {
  const stats = newStats(options.name, protocol);
  const log = options.log ?? stderrLog;
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const emit = (peer: string, out: FramerOutput): void => {
    if (out.frames.length === 0 && out.rejects.length === 0) return;
    deliver(
      sink,
      out.rejects.length === 0
        ? { listener: options.name, peer, receivedAt: Date.now(), frames: out.frames }
        : { listener: options.name, peer, receivedAt: Date.now(), frames: out.frames, rejects: out.rejects },
      stats,
      log,
    );
  };

  const onSocket = (socket: Socket): void => {
    const peer = peerAddress(socket.remoteAddress);
    const framer = new StreamFramer({ maxFrameBytes: options.maxFrameBytes });
    let flushed = false;
    const flush = (): void => {
      if (flushed) return;
      flushed = true;
      const out: FramerOutput = { frames: [], rejects: [] };
      framer.end(out);
      emit(peer, out);
    };
    stats.connections++;
    sockets.add(socket);
    if ((options.idleTimeoutMs ?? 0) > 0) socket.setTimeout(options.idleTimeoutMs!, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      stats.bytesReceived += chunk.length;
      const out: FramerOutput = { frames: [], rejects: [] };
      framer.push(chunk, out);
      emit(peer, out);
    });
    socket.on('end', () => {
      flush();
      socket.end();
    });
    // Resets and timeouts are a sender's business; 'close' follows and does the accounting.
    socket.on('error', () => {});
    socket.on('close', () => {
      flush();
      stats.connections--;
      sockets.delete(socket);
    });
  };

  return {
    name: options.name,
    stats,
    async start() {
      if (server !== undefined) throw new Error(`listener ${options.name} already started`);
      const s = await makeServer(onSocket, stats);
      s.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
      s.on('drop', () => {
        stats.connectionsRefused++;
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen({ host: options.host, port: options.port }, () => {
          s.off('error', reject);
          resolve();
        });
      });
      s.on('error', (err) => log(`listener ${options.name}: ${err.message}`));
      server = s;
      const addr = s.address();
      if (addr === null || typeof addr === 'string') throw new Error(`listener ${options.name}: no bound address`);
      return { host: addr.address, port: addr.port };
    },
    async stop() {
      const s = server;
      if (s === undefined) return;
      server = undefined;
      const closed = [new Promise<void>((resolve) => s.close(() => resolve()))];
      for (const socket of sockets) {
        closed.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
        socket.destroy();
      }
      await Promise.all(closed);
    },
  };
}
