import { parseUint, parseUintIn } from './normalize.ts';

/**
 * One CSV record (fields split on commas), read lazily. Fields in double quotes may hold commas,
 * and `""` inside them is a literal quote (PAN-OS quotes `"Korea, Republic of"` this way); text
 * between a closing quote and the next comma is kept, as lenient CSV readers do. A quote is only
 * special at the start of a field.
 *
 * Written for the decode hot path: a PAN-OS TRAFFIC line has 115 fields of which a decoder needs
 * about 35, so rather than splitting the line into 115 strings (most of a decode's time and
 * garbage), the record finds field boundaries with `indexOf` only as far as the highest field
 * asked for, and slices only the fields read. Numbers are read in place. One instance can be
 * reused line after line (`reset`).
 */
export class CsvRecord {
  line = '';
  // Field k spans [starts[k], ends[k]) of the line, quotes included when quoted[k].
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly quoted: boolean[] = [];
  private scanned = 0;
  private next = 0;
  private done = false;

  reset(line: string): void {
    this.line = line;
    this.scanned = 0;
    this.next = 0;
    this.done = false;
  }

  /** True when the record has a field `k` (0-based). */
  has(k: number): boolean {
    while (this.scanned <= k && !this.done) this.scanField();
    return k < this.scanned;
  }

  /** The number of fields. */
  count(): number {
    while (!this.done) this.scanField();
    return this.scanned;
  }

  /** Field `k`, unquoted, or undefined when the record is shorter. */
  get(k: number): string | undefined {
    if (!this.has(k)) return undefined;
    const start = this.starts[k]!;
    const end = this.ends[k]!;
    return this.quoted[k] === true ? unquote(this.line, start, end) : this.line.slice(start, end);
  }

  /** True when field `k` is exactly `text` (compared in place). */
  is(k: number, text: string): boolean {
    if (!this.has(k) || this.quoted[k] === true) return this.get(k) === text;
    const start = this.starts[k]!;
    return this.ends[k]! - start === text.length && this.line.startsWith(text, start);
  }

  /** Field `k` as a non-negative decimal integer (see `parseUint`), read in place. */
  uint(k: number): number | undefined {
    if (!this.has(k)) return undefined;
    if (this.quoted[k] === true) return parseUint(this.get(k)!);
    return parseUintIn(this.line, this.starts[k]!, this.ends[k]!);
  }

  private scanField(): void {
    const line = this.line;
    const start = this.next;
    const quoted = line.charCodeAt(start) === 34;
    const comma = line.indexOf(',', quoted ? closingQuote(line, start + 1) : start);
    const end = comma < 0 ? line.length : comma;
    const k = this.scanned++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.quoted[k] = quoted;
    if (comma < 0) this.done = true;
    else this.next = comma + 1;
  }
}

/** Index of the quote closing a field whose text starts at `from` (`""` is an escaped quote), or the line length. */
function closingQuote(line: string, from: number): number {
  let j = line.indexOf('"', from);
  while (j >= 0 && line.charCodeAt(j + 1) === 34) j = line.indexOf('"', j + 2);
  return j < 0 ? line.length : j;
}

/** The text of the quoted field spanning [start, end): `""` becomes `"`, text after the closing quote is kept. */
function unquote(line: string, start: number, end: number): string {
  const close = closingQuote(line, start + 1);
  const inner = line.slice(start + 1, close);
  const value = inner.indexOf('""') < 0 ? inner : inner.replaceAll('""', '"');
  return close + 1 < end ? value + line.slice(close + 1, end) : value;
}
