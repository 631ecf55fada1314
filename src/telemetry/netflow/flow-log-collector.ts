import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Reject } from '../../model/reject.ts';
import { newListenerStats, type ListenerStats } from '../listener-stats.ts';
import { socketDrops, UNASSIGNED_TENANT, type ExporterIdentity } from './collector.ts';
import { createNetflowDecoder, type NetflowDecoderOptions, type NetflowOutput, type PacketSource } from './decoder.ts';
import { openFlowLog } from './flow-log.ts';

export interface FlowLogCollectorOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** SO_RCVBUF in bytes; the kernel default when absent (the kernel doubles what is asked). */
  readonly recvBufferSize?: number;
  /** Directory of the flow log (flow-log.ts). */
  readonly dir: string;
  /**
   * Tenant and sensor of an exporter address, asked again every `flushMs`. Unresolved exporters
   * get tenant `unassigned` and their address as sensor, as in the event collector.
   */
  readonly resolve?: (exporter: string) => ExporterIdentity | undefined;
  /** How often rejects are handed over, held data expired and buffered records written, ms (default 200). */
  readonly flushMs?: number;
  readonly decoder?: Omit<NetflowDecoderOptions, 'onRecord'>;
}

export interface FlowLogCollector {
  readonly stats: ListenerStats;
  /** The bound address (port 0 resolves to the kernel's choice). */
  address(): { address: string; port: number };
  /** Flow records written to the log so far. */
  readonly written: number;
  /** Stop receiving, count held data as dropped, hand over the last rejects, sync and close the log. */
  close(): Promise<void>;
}

/** The source of an exporter's datagrams; `receivedAt` is refreshed per datagram. */
interface Source extends PacketSource {
  receivedAt: number;
}

/**
 * UDP NetFlow v5/v9/IPFIX straight into the flow log (`vaern collect`): one thread reads the
 * socket and the decoder's record sink writes each flow from the packet into the log's binary
 * record, so no event object or address text is made per flow. Templates, options, sampling and
 * held data are the event decoder's own code (decoder.ts), so a stored flow reads back as the
 * event that decoder builds. The pipeline's collector (collector.ts) is the one that makes events.
 *
 * One thread, not a receiver worker as in collector.ts: this path allocates per datagram, not
 * per record, so its GC pauses are short, and a second thread would add a copy and a message
 * per block for nothing on the CPU that bounds the loss-free rate.
 */
export async function createFlowLogCollector(opts: FlowLogCollectorOptions, onRejects: (rejects: Reject[]) => void): Promise<FlowLogCollector> {
  const log = openFlowLog(opts.dir);
  const decoder = createNetflowDecoder({ ...opts.decoder, onRecord: log.record });
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  const stats = newListenerStats(opts.name, 'netflow');
  const v6 = isIPv6(opts.host);
  const socket = createSocket({ type: v6 ? 'udp6' : 'udp4', ...(opts.recvBufferSize ? { recvBufferSize: opts.recvBufferSize } : {}) });
  let origin = '';
  const sources = new Map<string, Source>();
  const sourceOf = (exporter: string): Source => {
    let s = sources.get(exporter);
    if (s === undefined) {
      const id = opts.resolve?.(exporter);
      s = { tenant: id?.tenant ?? UNASSIGNED_TENANT, sensor: id?.sensor ?? exporter, exporter, origin, receivedAt: 0 };
      sources.set(exporter, s);
    }
    return s;
  };
  const handOver = (): void => {
    if (out.rejects.length > 0) onRejects(out.rejects.splice(0));
  };

  const boundPort = await new Promise<number>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve(socket.address().port);
    });
  }).catch(async (err: unknown) => {
    await log.close();
    throw new Error(`netflow collector ${opts.name}: ${err instanceof Error ? err.message : String(err)}`);
  });
  origin = `udp:${boundPort}`;
  // After binding, a socket error is counted rather than thrown.
  socket.on('error', () => stats.framingErrors++);
  socket.on('message', (msg, rinfo) => {
    stats.framesReceived++;
    stats.bytesReceived += msg.length;
    const src = sourceOf(rinfo.address);
    src.receivedAt = Date.now();
    const before = out.rejects.length;
    decoder.decode(msg, src, out);
    if (out.rejects.length !== before) stats.framingErrors++;
  });

  let lastDrops = 0;
  let drained = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    decoder.expire(now, out);
    handOver();
    if (log.written !== drained) {
      drained = log.written;
      log.drain();
    }
    // Re-resolved from the next datagram on, so a changed mapping applies within flushMs.
    sources.clear();
    if (now - lastDrops >= 1000) {
      lastDrops = now;
      stats.socketDrops = socketDrops(v6, boundPort);
    }
  }, opts.flushMs ?? 200);
  timer.unref();

  return {
    stats,
    address: () => ({ address: opts.host, port: boundPort }),
    get written() {
      return log.written;
    },
    close: async () => {
      clearInterval(timer);
      stats.socketDrops = socketDrops(v6, boundPort);
      await new Promise<void>((resolve) => socket.close(resolve));
      decoder.drain(out);
      handOver();
      await log.close();
    },
  };
}
