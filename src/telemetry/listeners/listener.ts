import { newListenerStats, type ListenerStats } from '../listener-stats.ts';
import type { FramingReject } from '../framing/stream-framer.ts';

/**
 * The contract between the syslog transports (UDP, TCP, TLS) and the pipeline: raw frames, in
 * batches, with where and when they arrived. Parsing the syslog header happens downstream.
 */
export interface FrameBatch {
  readonly listener: string;
  /** The sender's IP address (IPv4-mapped IPv6 addresses are given as IPv4). */
  readonly peer: string;
  /** Epoch ms. */
  readonly receivedAt: number;
  readonly frames: string[];
  /** Input the framing could not deliver (oversized, bad octet count), to keep as rejects. */
  readonly rejects?: readonly FramingReject[];
}

/**
 * Called synchronously with each batch. A batch counts as received only when the sink returns:
 * a sink that appends to the spool therefore makes "received" mean "on disk". A sink that throws
 * is counted in `sinkErrors` and never stops the listener.
 */
export type FrameSink = (batch: FrameBatch) => void;

/** The shared `ListenerStats`, plus what only the transports know about. */
export interface TransportStats extends ListenerStats {
  /** Batches the sink threw on; their frames are not counted as received. */
  sinkErrors: number;
  /** Connections refused because `maxConnections` was reached (TCP/TLS). */
  connectionsRefused: number;
}

export interface Listener {
  readonly name: string;
  /** Live counters; read them at any time. */
  readonly stats: TransportStats;
  /** Bind; resolves with the bound address (port 0 picks a free port). */
  start(): Promise<{ host: string; port: number }>;
  /** Stop accepting, close open connections, release the socket. */
  stop(): Promise<void>;
}

/** Where a listener reports errors it survives (sink failures). Default: stderr. */
export type ListenerLog = (message: string) => void;

export const stderrLog: ListenerLog = (message) => {
  process.stderr.write(`${message}\n`);
};

export function newStats(name: string, protocol: TransportStats['protocol']): TransportStats {
  return { ...newListenerStats(name, protocol), sinkErrors: 0, connectionsRefused: 0 };
}

/** Hand a batch to the sink and count it; a throwing sink is counted and logged, never rethrown. */
export function deliver(sink: FrameSink, batch: FrameBatch, stats: TransportStats, log: ListenerLog): void {
  if (batch.rejects !== undefined) {
    for (const r of batch.rejects) {
      if (r.kind === 'oversized') stats.framesOversized++;
      else stats.framingErrors++;
    }
  }
  try {
    sink(batch);
  } catch (err) {
    stats.sinkErrors++;
    log(`listener ${batch.listener}: sink failed on ${batch.frames.length} frames from ${batch.peer}: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  stats.framesReceived += batch.frames.length;
}

/** `::ffff:10.0.0.1` is 10.0.0.1 as far as sensor matching is concerned. */
export function peerAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
