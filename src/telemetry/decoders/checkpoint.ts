import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { applyCheckpointField, checkpointState, finishCheckpoint } from './checkpoint-fields.ts';
import { networkEvent } from './event-base.ts';
import { finish } from './fw-common.ts';
import { kvPairs } from './kv.ts';

/**
 * Check Point Log Exporter (R80.x/R81.x) in its native formats:
 *
 * - `syslog` (default): RFC 5424 with the fields as `[key:"value"; key:"value"; …]` where the
 *   structured data goes, app name `CheckPoint`; relays sometimes leave it in the message body.
 * - `generic` / `splunk`: `key="value"` pairs separated by spaces or `|`.
 *
 * Its `cef` and `leef` formats are decoded by cef.ts / leef.ts with the same field mapping.
 */
const OBSERVER = { format: 'checkpoint', vendor: 'Check Point', product: 'Check Point' } as const;
const scratch: string[] = [];

export const checkpoint: Decoder = {
  format: 'checkpoint',
  description: 'Check Point Log Exporter syslog ([key:"value"; …]) and key="value" formats',
  sniff(payload, header) {
    if (header?.appname === 'CheckPoint') return true;
    const sd = header?.structuredData;
    if (sd !== undefined && sd.indexOf('origin:"') > 0 && sd.indexOf('product:"') > 0) return true;
    return (payload.indexOf('origin:"') >= 0 && payload.indexOf('product:"') >= 0)
      || (payload.indexOf('origin=') >= 0 && payload.indexOf('product=') >= 0 && (payload.indexOf('loguid=') >= 0 || payload.indexOf('originsicname=') >= 0));
  },
  decode: decodeCheckpoint,
};

function decodeCheckpoint(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  scratch.length = 0;
  const sd = header?.structuredData;
  let pairs: string[];
  if (sd !== undefined && sd.indexOf(':"') > 0) pairs = colonPairs(sd, scratch);
  else if (payload.indexOf(':"') > 0 && (payload.indexOf('=') < 0 || payload.indexOf(':"') < payload.indexOf('="'))) pairs = colonPairs(payload, scratch);
  else pairs = kvPairs(payload.indexOf('|') >= 0 && payload.indexOf('" ') < 0 ? payload.replaceAll('|', ' ') : payload, 0, scratch);
  if (pairs.length === 0) return 'checkpoint: no Check Point fields';
  const e = networkEvent(OBSERVER, header, ctx);
  const x = checkpointState();
  let known = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    if (applyCheckpointField(e, x, pairs[i]!, pairs[i + 1]!)) known++;
  }
  if (known === 0) return 'checkpoint: no Check Point fields';
  if (e['source.ip'] === undefined && e['destination.ip'] === undefined) {
    e['event.category'] = ['host'];
    e['event.type'] = ['info'];
  }
  finishCheckpoint(e, x);
  return finish(e);
}

/**
 * `key:"value"; key2:"value2"` (optionally inside `[ ]`). Values escape `"`, `]`, `;` and `\`
 * with a backslash; `sys_message::"…"` (a doubled colon) occurs and is read as `sys_message`.
 */
export function colonPairs(s: string, out: string[]): string[] {
  let i = 0;
  const len = s.length;
  for (;;) {
    const colon = s.indexOf(':"', i);
    if (colon < 0) return out;
    let keyStart = colon;
    while (keyStart > i && isKeyChar(s.charCodeAt(keyStart - 1))) keyStart--;
    let keyEnd = colon;
    while (keyEnd > keyStart && s.charCodeAt(keyEnd - 1) === 58) keyEnd--;
    let j = colon + 2;
    let value = '';
    let from = j;
    for (; j < len; j++) {
      const c = s.charCodeAt(j);
      if (c === 92 && j + 1 < len) {
        value += s.slice(from, j);
        from = j + 1;
        j++;
      } else if (c === 34) {
        break;
      }
    }
    value += s.slice(from, Math.min(j, len));
    out.push(s.slice(keyStart, keyEnd), value);
    i = j + 1;
  }
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 58 || c === 46;
}
