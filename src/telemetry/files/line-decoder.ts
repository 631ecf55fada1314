import type { VaernEvent } from '../../model/event.ts';
import { REJECT_RAW_MAX, type Reject } from '../../model/reject.ts';
import { decodeBatch, type BatchResult } from '../decode-batch.ts';
import type { DetectCache } from '../decoders/registry.ts';
import type { LineBatch } from '../syslog/file-lines.ts';
import { decodeEve } from '../suricata/eve.ts';
import { looksLikeZeekTsv } from '../zeek/header.ts';
import { decodeZeekJson, pathFromFileName } from '../zeek/json.ts';
import { ZeekTsvReader } from '../zeek/tsv.ts';

/** Who the lines of a file belong to and how to read them. */
export interface FileContext {
  readonly tenant: string;
  readonly sensor: string;
  /** `auto` (decided per file from its first line), `zeek`, `zeek-json`, `suricata`, or a registered syslog format. */
  readonly format?: string;
  readonly keepOriginal?: boolean;
  /** Minutes east of UTC for syslog times without a zone. */
  readonly tzOffsetMin?: number;
}

/** Formats read per file rather than through the syslog decoders. */
export const FILE_FORMATS = ['zeek', 'zeek-json', 'suricata'] as const;

/**
 * Decodes one file's lines in order. Stateful: a Zeek TSV header governs the lines after it, and
 * `auto` settles on a format at the file's first line.
 */
export interface LineDecoder {
  decode(batch: LineBatch): BatchResult;
}

/**
 * The format of a file from its first lines: a Zeek TSV header (after a banner comment, as in
 * Zeek's test baselines), Suricata EVE (has `event_type`), Zeek JSON (has `ts` and `uid` or
 * `_path`), else `auto` (the syslog decoders, per line).
 */
export function sniffFileFormat(lines: readonly string[]): string {
  const head = lines.filter((l) => l !== '').slice(0, 3);
  if (head.some(looksLikeZeekTsv)) return 'zeek';
  const firstLine = head[0] ?? '';
  if (firstLine.charCodeAt(0) !== 123) return 'auto';
  if (firstLine.includes('"event_type":')) return 'suricata';
  if (firstLine.includes('"ts":') && (firstLine.includes('"uid":') || firstLine.includes('"_path":'))) return 'zeek-json';
  return 'auto';
}

type LineFn = (line: string) => VaernEvent | string | undefined;

export function createLineDecoder(path: string, ctx: FileContext): LineDecoder {
  const format = ctx.format ?? 'auto';
  if (format !== 'auto') return forFormat(format, path, ctx);
  let inner: LineDecoder | undefined;
  return {
    decode(batch) {
      if (inner === undefined) {
        if (batch.lines.every((l) => l === '')) return { events: [], rejects: [] };
        inner = forFormat(sniffFileFormat(batch.lines), path, ctx);
      }
      return inner.decode(batch);
    },
  };
}

function forFormat(format: string, path: string, ctx: FileContext): LineDecoder {
  const who = { tenant: ctx.tenant, sensor: ctx.sensor };
  switch (format) {
    case 'zeek': {
      const reader = new ZeekTsvReader(who);
      return perLine('zeek', (line) => reader.line(line), path, ctx);
    }
    case 'zeek-json': {
      const hint = pathFromFileName(path);
      return perLine('zeek-json', (line) => decodeZeekJson(line, who, hint), path, ctx);
    }
    case 'suricata':
      return perLine('suricata', (line) => decodeEve(line, who), path, ctx);
    default: {
      // Syslog-framed formats go through the shared batch decoder (throws for an unknown format).
      const detectCache: DetectCache = {};
      return {
        decode: (batch) => decodeBatch(batch.lines, {
          tenant: ctx.tenant, sensor: ctx.sensor, format, origin: path, receivedAt: Date.now(),
          keepOriginal: ctx.keepOriginal === true, tzOffsetMin: ctx.tzOffsetMin ?? 0, detectCache,
          file: { path, firstLine: batch.firstLine, offsets: batch.offsets },
        }),
      };
    }
  }
}

/** Lines through `fn`, with file position on events and rejects as `decodeBatch` does. */
function perLine(format: string, fn: LineFn, path: string, ctx: FileContext): LineDecoder {
  const keep = ctx.keepOriginal === true;
  return {
    decode(batch) {
      const events: VaernEvent[] = [];
      const rejects: Reject[] = [];
      const { lines, offsets } = batch;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === '') continue;
        let r: VaernEvent | string | undefined;
        try {
          r = fn(line);
        } catch (err) {
          r = `${format}: decoder failed: ${err instanceof Error ? err.message : String(err)}`;
        }
        if (r === undefined) continue;
        const offset = offsets[i];
        if (typeof r === 'string') {
          const reject: Reject = {
            receivedAt: Date.now(), tenant: ctx.tenant, sensor: ctx.sensor, origin: path, format, reason: r,
            raw: line.length > REJECT_RAW_MAX ? line.slice(0, REJECT_RAW_MAX) : line, line: batch.firstLine + i,
          };
          if (offset !== undefined) reject.offset = offset;
          rejects.push(reject);
          continue;
        }
        r['log.file.path'] = path;
        if (offset !== undefined) r['log.offset'] = offset;
        if (keep) r['event.original'] = line;
        events.push(r);
      }
      return { events, rejects };
    },
  };
}
