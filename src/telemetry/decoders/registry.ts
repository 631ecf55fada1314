import type { Decoder, SyslogHeader } from '../decoder.ts';
import { cef } from './cef.ts';
import { checkpoint } from './checkpoint.ts';
import { ciscoAsa } from './cisco-asa.ts';
import { filterlog } from './filterlog.ts';
import { fortigate } from './fortigate.ts';
import { iptables } from './iptables.ts';
import { juniperSrx } from './juniper-srx.ts';
import { leef } from './leef.ts';
import { openssh } from './openssh.ts';
import { panos } from './panos.ts';
import { sonicwall } from './sonicwall.ts';
import { sophos } from './sophos.ts';
import { suricata } from '../suricata/eve.ts';
import { zeekJson } from '../zeek/json.ts';

/**
 * Every decoder, in auto-detection order: the most specific sniffs first, so a format whose test
 * is loose (iptables' `IN= … SRC=`) cannot claim lines of a stricter one. Adding a format is one
 * import and one line here.
 */
export const DECODERS: readonly Decoder[] = [
  // JSON lines first: their sniffs look at the first character, so other lines leave at once.
  suricata,
  zeekJson,
  cef,
  leef,
  checkpoint,
  filterlog,
  panos,
  fortigate,
  ciscoAsa,
  sophos,
  sonicwall,
  juniperSrx,
  openssh,
  iptables,
];

const BY_FORMAT = new Map(DECODERS.map((d) => [d.format, d] as const));

/** The decoder for `--format` / sensor configuration, or undefined. */
export function getDecoder(format: string): Decoder | undefined {
  return BY_FORMAT.get(format);
}

/** The format names, for help text and validation. */
export function formats(): string[] {
  return DECODERS.map((d) => d.format);
}

/**
 * Finds the decoder that claims a payload. A sensor rarely changes format, so pass a `cache`
 * (one per sensor or stream): its last winner is tried before the others.
 */
export function detectDecoder(payload: string, header: SyslogHeader | undefined, cache?: DetectCache): Decoder | undefined {
  const last = cache?.last;
  if (last !== undefined && last.sniff(payload, header)) return last;
  for (const d of DECODERS) {
    if (d === last || !d.sniff(payload, header)) continue;
    if (cache !== undefined) cache.last = d;
    return d;
  }
  return undefined;
}

/** Remembers the last decoder that won detection for one caller. */
export interface DetectCache {
  last?: Decoder;
}
