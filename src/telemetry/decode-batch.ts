import type { VaernEvent } from '../model/event.ts';
import { REJECT_RAW_MAX, type Reject } from '../model/reject.ts';
import type { Decoder, SyslogHeader } from './decoder.ts';
import { parseUint } from './decoders/normalize.ts';
import { detectDecoder, getDecoder, type DetectCache } from './decoders/registry.ts';
import { parseSyslog } from './syslog/header.ts';

export interface BatchContext {
  readonly tenant: string;
  readonly sensor: string;
  /** A registered format, or `auto` to sniff each line (remembering the last winner). */
  readonly format: string;
  /** Where the lines came from: `udp:5514`, `tcp:5514`, a file path. */
  readonly origin: string;
  /** When Vaern received the lines, epoch ms: the time of last resort, and "now" for RFC 3164 years. */
  readonly receivedAt: number;
  /** Keep the raw line in `event.original`. */
  readonly keepOriginal?: boolean;
  /** Minutes east of UTC for syslog timestamps without a zone (RFC 3164). Default 0. */
  readonly tzOffsetMin?: number;
  /** When the lines come from a file: its path, the 1-based number of the first line, each line's byte offset. */
  readonly file?: { readonly path: string; readonly firstLine: number; readonly offsets: readonly number[] };
  /** Detection memory that outlives one batch (one per sensor or stream); a fresh one per batch otherwise. */
  readonly detectCache?: DetectCache;
}

export interface BatchResult {
  events: VaernEvent[];
  rejects: Reject[];
}

/**
 * Decodes a batch of raw lines: syslog header, then the format decoder. This is what the ingest
 * pipeline and `vaern parse` call. Nothing is dropped silently: a line no decoder accepts, or one
 * whose decoder throws, becomes a reject with the reason. Empty lines are skipped.
 *
 * Throws only for a caller error: an unknown `format`.
 */
export function decodeBatch(lines: readonly string[], ctx: BatchContext): BatchResult {
  const fixed = ctx.format === 'auto' ? undefined : getDecoder(ctx.format);
  if (ctx.format !== 'auto' && fixed === undefined) throw new Error(`decodeBatch: unknown format "${ctx.format}"`);
  const cache = ctx.detectCache ?? {};
  const decodeCtx = { tenant: ctx.tenant, sensor: ctx.sensor, receivedAt: ctx.receivedAt };
  const syslogOptions = { now: ctx.receivedAt, tzOffsetMin: ctx.tzOffsetMin ?? 0 };
  const file = ctx.file;
  const events: VaernEvent[] = [];
  const rejects: Reject[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length === 0) continue;
    const { header, payload } = parseSyslog(line, syslogOptions);
    const decoder: Decoder | undefined = fixed ?? detectDecoder(payload, header, cache);
    let result: VaernEvent | string;
    if (decoder === undefined) {
      result = 'no decoder recognised the line';
    } else {
      try {
        result = decoder.decode(payload, header, decodeCtx);
      } catch (err) {
        result = `${decoder.format}: decoder failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (typeof result === 'string') {
      const reject: Reject = {
        receivedAt: ctx.receivedAt, tenant: ctx.tenant, sensor: ctx.sensor, origin: ctx.origin,
        format: decoder?.format ?? ctx.format, reason: result, raw: line.length > REJECT_RAW_MAX ? line.slice(0, REJECT_RAW_MAX) : line,
      };
      if (file !== undefined) {
        reject.line = file.firstLine + i;
        const offset = file.offsets[i];
        if (offset !== undefined) reject.offset = offset;
      }
      rejects.push(reject);
      continue;
    }
    addSyslogFields(result, header);
    if (ctx.keepOriginal === true) result['event.original'] = line;
    if (file !== undefined) {
      result['log.file.path'] = file.path;
      const offset = file.offsets[i];
      if (offset !== undefined) result['log.offset'] = offset;
    }
    events.push(result);
  }
  return { events, rejects };
}

function addSyslogFields(e: VaernEvent, h: SyslogHeader): void {
  if (h.priority !== undefined) {
    e['log.syslog.priority'] = h.priority;
    e['log.syslog.facility.code'] = h.priority >> 3;
    e['log.syslog.severity.code'] = h.priority & 7;
  }
  if (h.hostname !== undefined) e['log.syslog.hostname'] = h.hostname;
  if (h.appname !== undefined) {
    e['log.syslog.appname'] = h.appname;
    // ECS also names the sending program as the process.
    if (e['process.name'] === undefined) e['process.name'] = h.appname;
  }
  if (h.procid !== undefined) {
    e['log.syslog.procid'] = h.procid;
    const pid = parseUint(h.procid);
    if (pid !== undefined && e['process.pid'] === undefined) e['process.pid'] = pid;
  }
  if (h.msgid !== undefined) e['log.syslog.msgid'] = h.msgid;
}
