import { isUtf8 } from 'node:buffer';

/**
 * Zeek value text -> JavaScript values, shared by the TSV and JSON readers so that one record
 * read from either encoding gives the same event.
 *
 * Precision: the TSV writer prints times and intervals with six decimals, the JSON writer prints
 * the full double. Both are brought to whole microseconds first, then to Vaern's units (epoch ms
 * for times, ECS nanoseconds for durations), so the two encodings agree.
 */

/** Epoch ms (floored) of Zeek time text `1521911720.865716`; undefined when it is not a number. */
export function timeText(text: string): number | undefined {
  const dot = text.indexOf('.');
  if (dot < 0) {
    const s = Number(text);
    return text !== '' && Number.isFinite(s) ? s * 1000 : undefined;
  }
  // Digits, not floating point: 1.001 must be 1001 ms, not 1000.9999.
  const whole = Number(text.slice(0, dot));
  const frac = text.slice(dot + 1);
  if (dot === 0 || !Number.isFinite(whole) || !/^\d*$/.test(frac)) return undefined;
  const ms = frac.length >= 3 ? Number(frac.slice(0, 3)) : Number(frac.padEnd(3, '0'));
  return whole < 0 || text.charCodeAt(0) === 45 ? whole * 1000 - ms : whole * 1000 + ms;
}

/** Epoch ms (floored) of a JSON time: seconds as a number, or ISO 8601 text (`JSON::TS_ISO8601`). */
export function timeJson(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(Math.round(value * 1e6) / 1000) : undefined;
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? timeText(value) : t;
}

/** ECS nanoseconds of an interval in seconds, rounded to the microsecond the TSV writer keeps. */
export function intervalNs(seconds: number): number | undefined {
  return Number.isFinite(seconds) ? Math.round(seconds * 1e6) * 1000 : undefined;
}

/**
 * Undoes the TSV writer's escaping: `\xNN` for bytes (the separator, non-printable bytes) and `\\`
 * for a backslash. The bytes are read as UTF-8 when they form valid UTF-8; otherwise the escaped
 * text is kept, which is what Zeek's JSON writer shows for the same bytes.
 */
export function unescapeZeek(text: string): string {
  if (text.indexOf('\\') < 0) return text;
  let ascii = true;
  const out = text.replace(/\\(?:x([0-9a-fA-F]{2})|\\)/g, (_m, hex: string | undefined) => {
    if (hex === undefined) return '\\';
    const code = parseInt(hex, 16);
    if (code >= 0x80) ascii = false;
    return String.fromCharCode(code);
  });
  // Text that already holds decoded non-Latin-1 characters cannot be re-read as bytes.
  if (ascii || /[^\x00-\xff]/.test(text)) return out;
  const bytes = Buffer.from(out, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : text;
}
