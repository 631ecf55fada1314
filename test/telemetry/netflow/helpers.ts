import { createSocket } from 'node:dgram';
import type { VaernEvent } from '../../../src/model/event.ts';
import { createNetflowDecoder, type NetflowDecoder, type NetflowDecoderOptions, type NetflowOutput } from '../../../src/telemetry/netflow/decoder.ts';

export const SRC = { tenant: 'nordby', sensor: 'rtr-1', exporter: '192.0.2.10', origin: 'test', receivedAt: 1_700_000_000_000 };

/** Decode datagrams in order with one decoder; returns everything they produced. */
export function decodeAll(packets: readonly Buffer[], options?: NetflowDecoderOptions, decoder: NetflowDecoder = createNetflowDecoder(options)): NetflowOutput {
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  for (const p of packets) decoder.decode(p, SRC, out);
  return out;
}

/** Fields of a flow event the flow log does not keep (flow-log.ts). */
const NOT_STORED = [
  'source.as.number', 'destination.as.number', 'source.mac', 'destination.mac',
  'source.nat.ip', 'destination.nat.ip', 'source.nat.port', 'destination.nat.port',
] as const;

/** A decoded flow event as the flow log gives it back: the same, without the fields it does not keep. */
export function asStored(e: VaernEvent): VaernEvent {
  const copy = { ...e };
  for (const k of NOT_STORED) delete copy[k];
  return copy;
}

/** Send datagrams to 127.0.0.1:port one after the other. */
export async function send(port: number, packets: readonly Buffer[]): Promise<void> {
  const s = createSocket('udp4');
  for (const p of packets) await new Promise<void>((resolve, reject) => s.send(p, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  s.close();
}

/** Wait until `cond` holds, at most about `tries` × 10 ms. */
export async function until(cond: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}
