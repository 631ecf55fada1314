import { createNetflowDecoder, type NetflowDecoder, type NetflowDecoderOptions, type NetflowOutput } from '../../../src/telemetry/netflow/decoder.ts';

export const SRC = { tenant: 'nordby', sensor: 'rtr-1', exporter: '192.0.2.10', origin: 'test', receivedAt: 1_700_000_000_000 };

/** Decode datagrams in order with one decoder; returns everything they produced. */
export function decodeAll(packets: readonly Buffer[], options?: NetflowDecoderOptions, decoder: NetflowDecoder = createNetflowDecoder(options)): NetflowOutput {
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  for (const p of packets) decoder.decode(p, SRC, out);
  return out;
}
