import { decodeIpfix } from './ipfix.ts';
import { PendingSets } from './pending.ts';
import type { PacketSource } from './record.ts';
import { expireHeld, reject, type DecoderState, type NetflowOutput, type RecordSink } from './sets.ts';
import { TemplateCache, type TemplateCacheLimits } from './templates.ts';
import { decodeV5 } from './v5.ts';
import { decodeV9 } from './v9.ts';

export type { NetflowOutput, RecordSink } from './sets.ts';
export type { PacketSource } from './record.ts';

export interface NetflowDecoderOptions {
  /** How long data that arrived before its template is held, ms (default 10 s). */
  readonly holdMs?: number;
  /** Data sets held per exporter domain (default 256) and in all (default 8192). */
  readonly holdPerDomain?: number;
  readonly holdTotal?: number;
  readonly limits?: TemplateCacheLimits;
  /**
   * Flow records go here instead of becoming events (the collector's flow log writes them straight
   * from the scratch slots); rejects and options records are reported in the output as usual.
   */
  readonly onRecord?: RecordSink;
}

export interface NetflowDecoder {
  /**
   * Decode one datagram (NetFlow v5, v9 or IPFIX) into `out`. Never throws: malformed input
   * becomes a reject with its reason, and whatever decoded cleanly before the fault is kept.
   */
  decode(payload: Buffer, src: PacketSource, out: NetflowOutput): void;
  /** Count data held past the hold time as dropped (one reject per set). Call from a timer. */
  expire(now: number, out: NetflowOutput): void;
  /** End of input (a file run, shutdown): everything still held is dropped. */
  drain(out: NetflowOutput): void;
  /** Templates cached, data sets held, data sets dropped for want of a template. */
  counters(): { templates: number; held: number; dropped: number };
}

export function createNetflowDecoder(options: NetflowDecoderOptions = {}): NetflowDecoder {
  const st: DecoderState = {
    cache: new TemplateCache(options.limits),
    pending: new PendingSets(options.holdMs ?? 10_000, options.holdPerDomain ?? 256, options.holdTotal ?? 8192),
    onRecord: options.onRecord,
    dropped: 0,
  };
  return {
    decode(payload, src, out) {
      if (payload.length < 2) {
        reject(out, src, `datagram of ${payload.length} bytes`, payload);
        return;
      }
      const version = payload.readUInt16BE(0);
      try {
        if (version === 9) decodeV9(payload, src, st, out);
        else if (version === 10) decodeIpfix(payload, src, st, out);
        else if (version === 5) decodeV5(payload, src, st, out);
        else reject(out, src, `unknown version ${version}`, payload);
      } catch (err) {
        // The parsers check every length; this is the last line so one bad datagram cannot stop a collector.
        reject(out, src, `v${version} decoder fault: ${err instanceof Error ? err.message : String(err)}`, payload);
      }
    },
    expire(now, out) {
      expireHeld(now, st, out);
    },
    drain(out) {
      expireHeld(Infinity, st, out);
    },
    counters() {
      return { templates: st.cache.size, held: st.pending.size, dropped: st.dropped };
    },
  };
}
