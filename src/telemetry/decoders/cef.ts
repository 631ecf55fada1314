import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { cefExtension, siemEvent, splitHeader } from './siem-common.ts';

/**
 * ArcSight Common Event Format (Micro Focus "Implementing ArcSight CEF" 25):
 * `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|key=value …`. Header fields escape `|`
 * and `\`; extension values escape `=` and `\` and may hold spaces. Standard keys map to ECS;
 * Check Point Log Exporter's CEF also gets its own field names mapped (checkpoint-fields.ts).
 */
export const cef: Decoder = {
  format: 'cef',
  description: 'ArcSight CEF (any vendor; Check Point Log Exporter fields mapped)',
  sniff(payload) {
    return findCef(payload) >= 0;
  },
  decode: decodeCef,
};

/** Index of `CEF:n|` at the start or after a short prefix (a host name some relays add), or -1. */
function findCef(s: string): number {
  const i = s.indexOf('CEF:');
  if (i < 0 || i > 100) return -1;
  const d = s.charCodeAt(i + 4);
  return d >= 48 && d <= 57 && s.charCodeAt(i + 5) === 124 ? i : -1;
}

function decodeCef(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const at = findCef(payload);
  if (at < 0) return 'cef: no CEF:n| header';
  const h = splitHeader(payload, at, 7);
  if (h === undefined) return 'cef: header has fewer than 7 fields';
  const [, vendor, product, , signature, name, severity] = h.fields as [string, string, string, string, string, string, string];
  const pairs = cefExtension(payload, h.end, []);
  return siemEvent({ format: 'cef', vendor, product, eventId: signature, name, severity }, pairs, header, ctx);
}
