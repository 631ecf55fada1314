import type { ZeekHeader } from './header.ts';
import { intervalNs, timeJson, timeText, unescapeZeek } from './values.ts';

/**
 * One Zeek log record, read through typed getters so each log's mapper is written once for both
 * encodings. Getters return undefined for an unset (`-`, JSON null or absent) or unparsable value;
 * an empty string or container (`(empty)`) is '' or [].
 */
export interface ZeekRecord {
  /** Log type: `conn`, `dns`... */
  readonly path: string;
  str(name: string): string | undefined;
  /** count, int, double, port. */
  num(name: string): number | undefined;
  bool(name: string): boolean | undefined;
  /** time, as epoch ms. */
  time(name: string): number | undefined;
  /** interval, as ECS nanoseconds. */
  ns(name: string): number | undefined;
  /** set[...] or vector[...] elements, as text. */
  list(name: string): string[] | undefined;
}

/**
 * A TSV line's columns. One instance serves a whole file: `load` records where each column
 * starts and ends, and getters read numbers, booleans and times straight from the line's
 * characters, so a conn line allocates only the strings the event keeps (the hot path: Zeek
 * writes one conn line per connection).
 */
export class TsvRecord implements ZeekRecord {
  readonly path: string;
  private readonly header: ZeekHeader;
  private readonly index = new Map<string, number>();
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private line = '';
  private count = 0;

  constructor(header: ZeekHeader) {
    this.header = header;
    this.path = header.path;
    header.fields.forEach((f, i) => this.index.set(f, i));
  }

  /** Finds the columns of `line`; returns their number (compare with the header's field count). */
  load(line: string): number {
    const sep = this.header.separator;
    this.line = line;
    let n = 0;
    let start = 0;
    for (;;) {
      if (n === this.starts.length) this.grow();
      const at = line.indexOf(sep, start);
      this.starts[n] = start;
      if (at < 0) {
        this.ends[n++] = line.length;
        break;
      }
      this.ends[n++] = at;
      start = at + sep.length;
    }
    this.count = n;
    return n;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  /** Column of a set field, or -1 when the field is absent or unset. */
  private col(name: string): number {
    const i = this.index.get(name);
    if (i === undefined || i >= this.count) return -1;
    return this.is(i, this.header.unsetField) ? -1 : i;
  }

  private is(i: number, text: string): boolean {
    const start = this.starts[i]!;
    return this.ends[i]! - start === text.length && this.line.startsWith(text, start);
  }

  private text(i: number): string {
    return this.line.slice(this.starts[i]!, this.ends[i]!);
  }

  str(name: string): string | undefined {
    const i = this.col(name);
    if (i < 0) return undefined;
    return this.is(i, this.header.emptyField) ? '' : unescapeZeek(this.text(i));
  }

  num(name: string): number | undefined {
    const i = this.col(name);
    if (i < 0) return undefined;
    const whole = this.digits(this.starts[i]!, this.ends[i]!);
    if (whole >= 0) return whole;
    const n = Number(this.text(i));
    return this.ends[i]! > this.starts[i]! && Number.isFinite(n) ? n : undefined;
  }

  /** The unsigned integer in [start, end), or -1 when it is not one (empty, a sign, a dot). */
  private digits(start: number, end: number): number {
    if (end <= start || end - start > 15) return -1;
    let n = 0;
    for (let p = start; p < end; p++) {
      const d = this.line.charCodeAt(p) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }

  bool(name: string): boolean | undefined {
    const i = this.col(name);
    if (i < 0 || this.ends[i]! - this.starts[i]! !== 1) return undefined;
    const c = this.line.charCodeAt(this.starts[i]!);
    return c === 84 ? true : c === 70 ? false : undefined;
  }

  time(name: string): number | undefined {
    const i = this.col(name);
    if (i < 0) return undefined;
    const us = this.micros(i);
    return us >= 0 ? Math.floor(us / 1000) : timeText(this.text(i));
  }

  ns(name: string): number | undefined {
    const i = this.col(name);
    if (i < 0) return undefined;
    const us = this.micros(i);
    return us >= 0 ? us * 1000 : this.ends[i]! > this.starts[i]! ? intervalNs(Number(this.text(i))) : undefined;
  }

  /** `seconds.micros` as written by the writer (six decimals) in whole µs, or -1 for any other form. */
  private micros(i: number): number {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    const dot = end - 7;
    if (dot <= start || this.line.charCodeAt(dot) !== 46) return -1;
    const s = this.digits(start, dot);
    const frac = this.digits(dot + 1, end);
    return s < 0 || frac < 0 ? -1 : s * 1e6 + frac;
  }

  list(name: string): string[] | undefined {
    const i = this.col(name);
    if (i < 0) return undefined;
    if (this.is(i, this.header.emptyField)) return [];
    const out = this.text(i).split(this.header.setSeparator);
    for (let k = 0; k < out.length; k++) {
      const el = out[k]!;
      out[k] = el === this.header.emptyField ? '' : unescapeZeek(el);
    }
    return out;
  }
}

/** A Zeek JSON object (one log line). Nested records (`{"id": {"orig_h": ...}}`) are read as dotted names. */
export class JsonRecord implements ZeekRecord {
  readonly path: string;
  private readonly obj: Record<string, unknown>;

  constructor(obj: Record<string, unknown>, path: string) {
    this.obj = obj;
    this.path = path;
  }

  private value(name: string): unknown {
    const v = this.obj[name];
    if (v !== undefined) return v;
    const dot = name.indexOf('.');
    if (dot < 0) return undefined;
    const parent = this.obj[name.slice(0, dot)];
    return parent !== null && typeof parent === 'object' && !Array.isArray(parent) ? (parent as Record<string, unknown>)[name.slice(dot + 1)] : undefined;
  }

  str(name: string): string | undefined {
    const v = this.value(name);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  }

  num(name: string): number | undefined {
    const v = this.value(name);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.value(name);
    return typeof v === 'boolean' ? v : undefined;
  }

  time(name: string): number | undefined {
    return timeJson(this.value(name));
  }

  ns(name: string): number | undefined {
    const v = this.value(name);
    return typeof v === 'number' ? intervalNs(v) : undefined;
  }

  list(name: string): string[] | undefined {
    const v = this.value(name);
    if (!Array.isArray(v)) return undefined;
    return v.map((x) => (typeof x === 'string' ? x : String(x)));
  }
}
