import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { cefExtension, siemEvent, splitHeader } from './siem-common.ts';

/**
 * IBM QRadar Log Event Extended Format, LEEF 1.0 (`LEEF:1.0|Vendor|Product|Version|EventID|`
 * then tab-separated `key=value`) and LEEF 2.0 (an optional delimiter field after EventID: one
 * character, or its code as `x09` / `0x7C`). Lines whose tabs a relay turned into spaces are read
 * as CEF-style extensions.
 */
export const leef: Decoder = {
  format: 'leef',
  description: 'IBM QRadar LEEF 1.0 / 2.0 (any vendor; Check Point Log Exporter fields mapped)',
  sniff(payload) {
    return findLeef(payload) >= 0;
  },
  decode: decodeLeef,
};

function findLeef(s: string): number {
  const i = s.indexOf('LEEF:');
  return i >= 0 && i <= 100 && (s.startsWith('1.0|', i + 5) || s.startsWith('2.0|', i + 5)) ? i : -1;
}

const HEX_DELIMITER = /^(?:0?x)([0-9a-fA-F]{1,4})$/;

function decodeLeef(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const at = findLeef(payload);
  if (at < 0) return 'leef: no LEEF:1.0| or LEEF:2.0| header';
  const h = splitHeader(payload, at, 5);
  if (h === undefined) return 'leef: header has fewer than 5 fields';
  const [version, vendor, product, , eventId] = h.fields as [string, string, string, string, string];
  let start = h.end;
  let delimiter = '\t';
  if (version === 'LEEF:2.0') {
    const bar = payload.indexOf('|', start);
    const field = bar < 0 ? undefined : payload.slice(start, bar);
    // The delimiter field exists only when it is one character or a hex code.
    if (field !== undefined && field.length <= 6 && field.indexOf('=') < 0) {
      const hex = HEX_DELIMITER.exec(field);
      if (hex !== null) delimiter = String.fromCharCode(parseInt(hex[1]!, 16));
      else if (field.length === 1) delimiter = field;
      start = bar + 1;
    }
  }
  const pairs: string[] = [];
  if (payload.indexOf(delimiter, start) >= 0) {
    for (const attr of payload.slice(start).split(delimiter)) {
      const eq = attr.indexOf('=');
      if (eq > 0) pairs.push(attr.slice(0, eq).trim(), attr.slice(eq + 1));
    }
  } else {
    cefExtension(payload, start, pairs);
  }
  return siemEvent({ format: 'leef', vendor, product, eventId, name: '', severity: '' }, pairs, header, ctx);
}
