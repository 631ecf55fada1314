import type { SyslogHeader } from '../decoder.ts';
import { digits, monthIndex, parseIsoTime, readFraction, readZone, wallClock } from './timestamp.ts';

export interface SyslogOptions {
  /** "Now" for inferring the year of RFC 3164 timestamps, epoch ms. Defaults to the clock. */
  readonly now?: number;
  /** Minutes east of UTC for timestamps that carry no zone (RFC 3164). Defaults to 0 (UTC). */
  readonly tzOffsetMin?: number;
}

export interface ParsedSyslog {
  header: SyslogHeader;
  /** The message body: what the format decoders see. */
  payload: string;
}

const DAY_MS = 86_400_000;
const NONE: SyslogHeader = Object.freeze({ rfc: 'none' });

/**
 * Splits a syslog line into header and payload. Accepts RFC 5424, RFC 3164 (with the variants
 * devices really send: ISO timestamps, a year after the day, no hostname, no tag), a bare
 * `<pri>`, or nothing at all (rfc `none`, payload = whole line). Never throws: anything it cannot
 * read as a header is left in the payload for the decoder to judge.
 */
export function parseSyslog(line: string, options: SyslogOptions = {}): ParsedSyslog {
  let i = 0;
  let priority: number | undefined;
  if (line.charCodeAt(0) === 60) {
    const close = line.indexOf('>', 1);
    if (close > 1 && close <= 4) {
      const p = digits(line, 1, close - 1);
      if (p >= 0 && p <= 191) {
        priority = p;
        i = close + 1;
      }
    }
  }
  if (priority !== undefined) {
    const v = line.charCodeAt(i);
    if (v >= 49 && v <= 57 && (line.charCodeAt(i + 1) === 32 || (isDigit(line.charCodeAt(i + 1)) && line.charCodeAt(i + 2) === 32))) {
      const r = parse5424(line, i, priority);
      if (r !== undefined) return r;
    }
  }
  const r3164 = parse3164(line, i, priority, options);
  if (r3164 !== undefined) return r3164;
  if (priority === undefined) return { header: NONE, payload: line };
  return { header: { rfc: 'none', priority }, payload: line.slice(i) };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index of the next space at or after `from`, or the line length. */
function tokenEnd(s: string, from: number): number {
  const sp = s.indexOf(' ', from);
  return sp < 0 ? s.length : sp;
}

function parse5424(line: string, at: number, priority: number): ParsedSyslog | undefined {
  let i = tokenEnd(line, at) + 1; // skip VERSION
  let timestamp: number | undefined;
  if (line.charCodeAt(i) === 45 && line.charCodeAt(i + 1) === 32) {
    i += 2;
  } else {
    const t = parseIsoTime(line, i, 0);
    if (Number.isNaN(t.time) || line.charCodeAt(t.end) !== 32) return undefined;
    timestamp = t.time;
    i = t.end + 1;
  }
  const fields: (string | undefined)[] = [];
  for (let f = 0; f < 4; f++) {
    const end = tokenEnd(line, i);
    if (end === i) return undefined;
    const tok = line.slice(i, end);
    fields.push(tok === '-' ? undefined : tok);
    i = end + 1;
  }
  let structuredData: string | undefined;
  if (line.charCodeAt(i) === 45) {
    i += 1;
  } else if (line.charCodeAt(i) === 91) {
    const end = structuredDataEnd(line, i);
    if (end < 0) return undefined;
    structuredData = line.slice(i, end);
    i = end;
  } else if (i < line.length) {
    return undefined;
  }
  if (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) === 0xfeff) i++;
  const [hostname, appname, procid, msgid] = fields;
  const header: SyslogHeader = { rfc: '5424', priority, timestamp, hostname, appname, procid, msgid, structuredData };
  return { header, payload: line.slice(i) };
}

/** End (exclusive) of the `[id k="v"]...` elements starting at `at`, or -1 when unterminated. */
function structuredDataEnd(s: string, at: number): number {
  let i = at;
  while (s.charCodeAt(i) === 91) {
    let inQuote = false;
    i++;
    for (;;) {
      if (i >= s.length) return -1;
      const c = s.charCodeAt(i);
      if (inQuote) {
        if (c === 92) i++;
        else if (c === 34) inQuote = false;
      } else if (c === 34) {
        inQuote = true;
      } else if (c === 93) {
        break;
      }
      i++;
    }
    i++;
  }
  return i;
}

function parse3164(line: string, at: number, priority: number | undefined, options: SyslogOptions): ParsedSyslog | undefined {
  const offset = options.tzOffsetMin ?? 0;
  let time: number;
  let i: number;
  const c = line.charCodeAt(at);
  if (isDigit(c)) {
    const t = parseIsoTime(line, at, offset);
    if (Number.isNaN(t.time)) return undefined;
    time = t.time;
    i = t.end;
  } else {
    const t = parseBsdTime(line, at, offset, options.now ?? Date.now());
    if (t === undefined) return undefined;
    time = t.time;
    i = t.end;
  }
  const next = line.charCodeAt(i);
  if (i < line.length && next !== 32) return undefined;
  while (line.charCodeAt(i) === 32) i++;

  let hostname: string | undefined;
  let end = tokenEnd(line, i);
  if (end > i && line.charCodeAt(end - 1) !== 58) {
    hostname = line.slice(i, end);
    i = end + 1;
    while (line.charCodeAt(i) === 32) i++;
    end = tokenEnd(line, i);
  }
  let appname: string | undefined;
  let procid: string | undefined;
  const tag = readTag(line, i, end);
  if (tag !== undefined) {
    appname = tag.app;
    procid = tag.pid;
    i = end + 1;
  }
  const header: SyslogHeader = { rfc: '3164', priority, timestamp: time, hostname, appname, procid };
  return { header, payload: i >= line.length ? '' : line.slice(i) };
}

/** `app:` or `app[pid]:` spanning [from, end), or undefined when the token is not a tag. */
function readTag(s: string, from: number, end: number): { app: string; pid: string | undefined } | undefined {
  if (end - from < 2 || s.charCodeAt(end - 1) !== 58) return undefined;
  let i = from;
  for (; i < end - 1; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 45 || c === 95 || c === 46 || c === 47;
    if (!ok) break;
  }
  if (i === from) return undefined;
  const app = s.slice(from, i);
  if (i === end - 1) return { app, pid: undefined };
  if (s.charCodeAt(i) !== 91 || s.charCodeAt(end - 2) !== 93 || end - 2 <= i + 1) return undefined;
  return { app, pid: s.slice(i + 1, end - 2) };
}

/**
 * `Mmm dd hh:mm:ss[.frac]`, also `Mmm  d`, and `Mmm dd yyyy hh:mm:ss` as Cisco sends. Without a year,
 * picks the year that puts the time no more than a day after `now` (logs arrive late, not early).
 */
function parseBsdTime(s: string, at: number, offset: number, now: number): { time: number; end: number } | undefined {
  const month = monthIndex(s.slice(at, at + 3));
  if (month < 0 || s.charCodeAt(at + 3) !== 32) return undefined;
  let i = at + 4;
  if (s.charCodeAt(i) === 32) i++;
  let day: number;
  if (isDigit(s.charCodeAt(i + 1))) {
    day = digits(s, i, 2);
    i += 2;
  } else {
    day = digits(s, i, 1);
    i += 1;
  }
  if (day < 1 || s.charCodeAt(i) !== 32) return undefined;
  i++;
  let year = -1;
  if (s.charCodeAt(i + 4) === 32 && s.charCodeAt(i + 2) !== 58) {
    year = digits(s, i, 4);
    if (year < 0) return undefined;
    i += 5;
  }
  const h = digits(s, i, 2);
  const m = digits(s, i + 3, 2);
  const sec = digits(s, i + 6, 2);
  if (h < 0 || m < 0 || sec < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return undefined;
  const frac = readFraction(s, i + 8);
  i = frac.end;
  let zoneOffset = offset;
  if (s.charCodeAt(i) === 32 && (s.charCodeAt(i + 1) === 43 || s.charCodeAt(i + 1) === 45)) {
    const z = readZone(s, i + 1);
    if (z.offsetMin !== undefined) {
      zoneOffset = z.offsetMin;
      i = z.end;
    }
  }
  if (year >= 0) {
    const time = wallClock(year, month, day, h, m, sec, frac.ms, zoneOffset);
    return Number.isNaN(time) ? undefined : { time, end: i };
  }
  const nowYear = new Date(now + zoneOffset * 60_000).getUTCFullYear();
  let time = wallClock(nowYear, month, day, h, m, sec, frac.ms, zoneOffset);
  if (time > now + DAY_MS) time = wallClock(nowYear - 1, month, day, h, m, sec, frac.ms, zoneOffset);
  return Number.isNaN(time) ? undefined : { time, end: i };
}
