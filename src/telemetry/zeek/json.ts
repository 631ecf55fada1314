import { basename } from 'node:path';
import type { VaernEvent } from '../../model/event.ts';
import type { Decoder } from '../decoder.ts';
import { mapZeekRecord } from './map.ts';
import { JsonRecord } from './record.ts';

/**
 * Zeek JSON logs (`LogAscii::use_json`): one object per line, dotted field names, times as epoch
 * seconds or ISO 8601 (`JSON::TS_ISO8601`). Zeek writes the log type only in the file name, so
 * the reader takes it from `_path` (added by many shippers), else the file name, else the fields.
 */
export function decodeZeekJson(line: string, ctx: { tenant: string; sensor: string }, pathHint?: string): VaernEvent | string {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return `zeek-json: not JSON: ${(err as Error).message}`;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return 'zeek-json: not a JSON object';
  const rec = obj as Record<string, unknown>;
  const named = rec['_path'];
  const path = typeof named === 'string' && named !== '' ? named : (pathHint ?? guessPath(rec));
  return mapZeekRecord(new JsonRecord(rec, path), { tenant: ctx.tenant, sensor: ctx.sensor, format: 'zeek-json' });
}

/** The log type in a Zeek file name: `conn.log`, `dns.json.gz`, `ssl.2024-04-12-19-00-00.log.gz`. */
export function pathFromFileName(file: string): string | undefined {
  const stem = basename(file).split('.')[0]!;
  return /^[a-z][a-z0-9_]*$/.test(stem) ? stem : undefined;
}

/** Each mapped log by a field only it has; '' (generic mapping) when none matches. */
const SIGNATURES: readonly (readonly [field: string, path: string])[] = [
  ['conn_state', 'conn'],
  ['qtype_name', 'dns'],
  ['status_code', 'http'],
  ['server_name', 'ssl'],
  ['auth_success', 'ssh'],
  ['note', 'notice'],
  ['addl', 'weird'],
];

export function guessPath(rec: Record<string, unknown>): string {
  for (const [field, path] of SIGNATURES) if (Object.hasOwn(rec, field)) return path;
  return '';
}

/** Zeek JSON forwarded line by line (syslog, a log shipper), without its file name. */
export const zeekJson: Decoder = {
  format: 'zeek-json',
  description: 'Zeek logs in JSON, one object per line (conn, dns, http, ssl, ssh, notice, weird, others generically)',
  sniff(payload) {
    return payload.charCodeAt(0) === 123 && payload.includes('"uid":') && payload.includes('"ts":');
  },
  decode(payload, _header, ctx) {
    return decodeZeekJson(payload, ctx);
  },
};
