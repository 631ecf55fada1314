import { readFile } from 'node:fs/promises';
import type { VaernEvent } from '../../model/event.ts';
import type { Reject } from '../../model/reject.ts';
import { createNetflowDecoder, type NetflowDecoderOptions, type NetflowOutput } from './decoder.ts';

export interface NetflowFileContext {
  readonly tenant: string;
  readonly sensor: string;
  /** Exporter address the captures came from; `0.0.0.0` (unknown) when not given. */
  readonly exporter?: string;
}

/**
 * Decode captured NetFlow/IPFIX payloads, one UDP payload per file, in the given order (templates
 * first, as the corpora are laid out), with one template cache across the files. Yields one batch
 * per file; data still waiting for a template at the end is reported with the last file.
 */
export async function* parseNetflowFiles(
  paths: string[],
  ctx: NetflowFileContext,
  options: NetflowDecoderOptions = {},
): AsyncIterable<{ events: VaernEvent[]; rejects: Reject[] }> {
  const decoder = createNetflowDecoder(options);
  const exporter = ctx.exporter ?? '0.0.0.0';
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
    const src = { tenant: ctx.tenant, sensor: ctx.sensor, exporter, origin: path, receivedAt: Date.now() };
    let payload: Buffer | undefined;
    try {
      payload = await readFile(path);
    } catch (err) {
      const reason = `netflow: cannot read file: ${err instanceof Error ? err.message : String(err)}`;
      out.rejects.push({ receivedAt: src.receivedAt, tenant: ctx.tenant, sensor: ctx.sensor, origin: path, format: 'netflow', reason, raw: '' });
    }
    if (payload !== undefined) decoder.decode(payload, src, out);
    if (i === paths.length - 1) decoder.drain(out);
    yield { events: out.events, rejects: out.rejects };
  }
}
