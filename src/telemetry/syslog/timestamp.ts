/**
 * Hand-written date parsing for the decode hot path. `Date.parse` is avoided because it is slow,
 * accepts far too much (and differently across engines), and treats zone-less dates as local time;
 * we need zone-less dates in a caller-chosen offset.
 */

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

/** Month index (0-11) of a three-letter English month name, or -1. */
export function monthIndex(name: string): number {
  return MONTHS[name] ?? -1;
}

/** Value of `len` ASCII digits at `at`, or -1 when any is not a digit. */
export function digits(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1; // also NaN past the end of the string
    n = n * 10 + c;
  }
  return n;
}

/** Epoch ms of a wall-clock time, or NaN when a part is out of range. */
export function wallClock(year: number, month: number, day: number, h: number, m: number, sec: number, ms: number, offsetMin: number): number {
  if (year < 0 || month < 0 || month > 11 || day < 1 || day > 31 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return NaN;
  return Date.UTC(year, month, day, h, m, sec, ms) - offsetMin * 60_000;
}

export interface ParsedTime {
  /** Epoch ms, or NaN. */
  time: number;
  /** Index just after the timestamp. */
  end: number;
}

/**
 * Parses `YYYY-MM-DD[T ]HH:MM:SS[.frac][Z|±HH:MM|±HHMM]` at `at` (also `/` as date separator, as
 * PAN-OS writes). Without a zone the time is read in `defaultOffsetMin` (minutes east of UTC).
 * Returns time NaN when the text does not start with such a timestamp.
 */
export function parseIsoTime(s: string, at: number, defaultOffsetMin: number): ParsedTime {
  const year = digits(s, at, 4);
  const sep = s.charCodeAt(at + 4);
  if (year < 0 || (sep !== 45 && sep !== 47) || s.charCodeAt(at + 7) !== sep) return { time: NaN, end: at };
  const month = digits(s, at + 5, 2);
  const day = digits(s, at + 8, 2);
  const t = s.charCodeAt(at + 10);
  if (month < 0 || day < 0 || (t !== 84 && t !== 32 && t !== 116)) return { time: NaN, end: at };
  const h = digits(s, at + 11, 2);
  const m = digits(s, at + 14, 2);
  const sec = digits(s, at + 17, 2);
  if (h < 0 || m < 0 || sec < 0 || s.charCodeAt(at + 13) !== 58 || s.charCodeAt(at + 16) !== 58) return { time: NaN, end: at };
  let i = at + 19;
  const frac = readFraction(s, i);
  i = frac.end;
  const zone = readZone(s, i);
  const offset = zone.offsetMin ?? defaultOffsetMin;
  return { time: wallClock(year, month - 1, day, h, m, sec, frac.ms, offset), end: zone.end };
}

/** `.ddd…` at `at` as milliseconds (extra digits truncated, as RFC 5424 allows up to six). */
export function readFraction(s: string, at: number): { ms: number; end: number } {
  if (s.charCodeAt(at) !== 46) return { ms: 0, end: at };
  let i = at + 1;
  let ms = 0;
  let n = 0;
  for (;;) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) break; // also NaN past the end of the string
    if (n < 3) ms = ms * 10 + c;
    n++;
    i++;
  }
  if (n === 0) return { ms: 0, end: at };
  while (n < 3) {
    ms *= 10;
    n++;
  }
  return { ms, end: i };
}

/** `Z`, `±HH:MM` or `±HHMM` at `at`; offsetMin undefined when there is none. */
export function readZone(s: string, at: number): { offsetMin: number | undefined; end: number } {
  const c = s.charCodeAt(at);
  if (c === 90 || c === 122) return { offsetMin: 0, end: at + 1 };
  if (c !== 43 && c !== 45) return { offsetMin: undefined, end: at };
  const hh = digits(s, at + 1, 2);
  if (hh < 0) return { offsetMin: undefined, end: at };
  let mm = 0;
  let end = at + 3;
  if (s.charCodeAt(end) === 58) {
    mm = digits(s, end + 1, 2);
    end += 3;
  } else {
    mm = digits(s, end, 2);
    end += 2;
  }
  if (mm < 0 || hh > 23 || mm > 59) return { offsetMin: undefined, end: at };
  const off = hh * 60 + mm;
  return { offsetMin: c === 45 ? -off : off, end };
}

/** `+0100`, `-05:00`, `Z` as minutes east of UTC, or undefined. */
export function parseZoneOffset(s: string): number | undefined {
  const z = readZone(s, 0);
  return z.end === s.length ? z.offsetMin : undefined;
}
