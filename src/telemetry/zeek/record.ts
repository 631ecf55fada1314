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
 * A TSV line's columns. One instance serves a whole file: `load` refills the column array, so a
 * line costs its substrings and nothing else until a getter asks.
 */
export class TsvRecord implements ZeekRecord {
  readonly path: string;
  private readonly header: ZeekHeader;
  private readonly index = new Map<string, number>();
  private readonly cols: string[] = [];
  private count = 0;

  constructor(header: ZeekHeader) {
    this.header = header;
    this.path = header.path;
    header.fields.forEach((f, i) => this.index.set(f, i));
  }

  /** Splits `line` into columns; returns their number (compare with the header's field count). */
  load(line: string): number {
    const sep = this.header.separator;
    const cols = this.cols;
    let n = 0;
    let start = 0;
    // indexOf over a one-char separator beats String#split here: no array per line, no regex path.
    for (;;) {
      const at = line.indexOf(sep, start);
      if (at < 0) break;
      cols[n++] = line.slice(start, at);
      start = at + sep.length;
    }
    cols[n++] = line.slice(start);
    this.count = n;
    return n;
  }

  private raw(name: string): string | undefined {
    const i = this.index.get(name);
    if (i === undefined || i >= this.count) return undefined;
    const v = this.cols[i]!;
    return v === this.header.unsetField ? undefined : v;
  }

  str(name: string): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    return v === this.header.emptyField ? '' : unescapeZeek(v);
  }

  num(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.raw(name);
    return v === 'T' ? true : v === 'F' ? false : undefined;
  }

  time(name: string): number | undefined {
    const v = this.raw(name);
    return v === undefined ? undefined : timeText(v);
  }

  ns(name: string): number | undefined {
    const v = this.raw(name);
    return v === undefined || v === '' ? undefined : intervalNs(Number(v));
  }

  list(name: string): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (v === this.header.emptyField) return [];
    const out = v.split(this.header.setSeparator);
    for (let i = 0; i < out.length; i++) {
      const el = out[i]!;
      out[i] = el === this.header.emptyField ? '' : unescapeZeek(el);
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
