import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import { newListenerStats, type ListenerStats } from '../listener-stats.ts';
import { createNetflowDecoder, type NetflowDecoderOptions, type NetflowOutput } from './decoder.ts';
import { startReceiver } from './receiver-thread.ts';

/** One exporter's decoded flows, handed to the pipeline. */
export interface NetflowBatch {
  exporter: string;
  /** When the first datagram of the batch arrived, epoch ms. */
  receivedAt: number;
  events: VaernEvent[];
  rejects: Reject[];
}

export interface ExporterIdentity {
  tenant: string;
  sensor: string;
}

export interface NetflowCollectorOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** SO_RCVBUF in bytes; the kernel default when absent (the kernel doubles what is asked). */
  readonly recvBufferSize?: number;
  /**
   * Which tenant and sensor an exporter address belongs to. Asked once per batch, so a changed
   * mapping applies from the next batch. Unresolved exporters are not dropped: their flows get
   * tenant `unassigned` and the exporter address as sensor, so an unconfigured router shows up on
   * the sensor page instead of vanishing.
   */
  readonly resolve?: (exporter: string) => ExporterIdentity | undefined;
  /** Events per batch before it is handed over (default 1024: small batches die young, which keeps GC pauses short). */
  readonly batchSize?: number;
  /** Longest a partial batch waits, ms (default 200). */
  readonly flushMs?: number;
  readonly decoder?: NetflowDecoderOptions;
}

export interface NetflowCollector {
  readonly stats: ListenerStats;
  /** The bound address (port 0 resolves to the kernel's choice). */
  address(): { address: string; port: number };
  /** Hand over every partial batch now. */
  flush(): void;
  /** Stop receiving, hand over what is pending (held data counted as dropped), release the port. */
  close(): Promise<void>;
}

export const UNASSIGNED_TENANT = 'unassigned';

interface Pending {
  readonly exporter: string;
  readonly tenant: string;
  readonly sensor: string;
  readonly receivedAt: number;
  readonly out: NetflowOutput;
}

/**
 * UDP NetFlow v5/v9/IPFIX listener. A receiver thread (receiver.ts) drains the socket and hands
 * over datagrams in blocks every few ms; this thread decodes them (one header parse and the
 * compiled record loops per datagram) and batches events per exporter, so the sink is off the
 * per-packet path.
 */
export async function createNetflowCollector(opts: NetflowCollectorOptions, sink: (batch: NetflowBatch) => void): Promise<NetflowCollector> {
  const decoder = createNetflowDecoder(opts.decoder);
  const batchSize = opts.batchSize ?? 1024;
  const flushMs = opts.flushMs ?? 200;
  const stats: ListenerStats = newListenerStats(opts.name, 'netflow');
  const batches = new Map<string, Pending>();
  const v6 = isIPv6(opts.host);

  const open = (exporter: string, now: number): Pending => {
    const id = opts.resolve?.(exporter);
    const p: Pending = {
      exporter,
      tenant: id?.tenant ?? UNASSIGNED_TENANT,
      sensor: id?.sensor ?? exporter,
      receivedAt: now,
      out: { events: [], rejects: [], optionsRecords: 0 },
    };
    batches.set(exporter, p);
    return p;
  };
  const emit = (p: Pending): void => {
    batches.delete(p.exporter);
    if (p.out.events.length === 0 && p.out.rejects.length === 0) return;
    sink({ exporter: p.exporter, receivedAt: p.receivedAt, events: p.out.events, rejects: p.out.rejects });
  };
  let originText = '';

  const datagram = (msg: Buffer, exporter: string, now: number): void => {
    stats.framesReceived++;
    stats.bytesReceived += msg.length;
    const p = batches.get(exporter) ?? open(exporter, now);
    const before = p.out.rejects.length;
    decoder.decode(msg, { tenant: p.tenant, sensor: p.sensor, exporter: p.exporter, origin: originText, receivedAt: now }, p.out);
    if (p.out.rejects.length !== before) stats.framingErrors++;
    if (p.out.events.length >= batchSize) emit(p);
  };

  // Held data that timed out: handed over in a batch of its own with exporter '' (the reason
  // names the exporter and domain), as it may belong to no open batch.
  const loose: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };

  const flush = (): void => {
    for (const p of [...batches.values()]) emit(p);
    if (loose.rejects.length > 0) sink({ exporter: '', receivedAt: Date.now(), events: [], rejects: loose.rejects.splice(0) });
  };

  const receiver = await startReceiver({ ...opts, v6 }, datagram, () => stats.framingErrors++);
  const boundPort = receiver.port;
  originText = `udp:${boundPort}`;
  let lastDrops = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    decoder.expire(now, loose);
    flush();
    if (now - lastDrops >= 1000) {
      lastDrops = now;
      stats.socketDrops = socketDrops(v6, boundPort);
    }
  }, flushMs);
  timer.unref();

  return {
    stats,
    address: () => ({ address: opts.host, port: boundPort }),
    flush,
    close: async () => {
      clearInterval(timer);
      stats.socketDrops = socketDrops(v6, boundPort);
      await receiver.close();
      decoder.drain(loose);
      flush();
    },
  };
}

/**
 * Datagrams the kernel dropped for this port (last column of /proc/net/udp{,6}). 0 where /proc
 * is not available.
 */
export function socketDrops(v6: boolean, port: number): number {
  let text: string;
  try {
    text = readFileSync(v6 ? '/proc/net/udp6' : '/proc/net/udp', 'utf8');
  } catch {
    return 0;
  }
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let drops = 0;
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length > 12 && cols[1]!.endsWith(suffix)) drops += Number(cols[cols.length - 1]) || 0;
  }
  return drops;
}
