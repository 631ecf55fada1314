/**
 * The key=value tokenizer behind FortiGate, iptables and the other "kv" vendors:
 * `key=value key2="quoted value with \"escapes\"" empty= flag`.
 *
 * Written by hand rather than with a regular expression because it is the hottest loop in Vaern
 * (about 40 pairs per FortiGate line at hundreds of thousands of lines per second): a global regex
 * allocates a match array per pair and still needs a second pass to unescape quotes, while this
 * scan only finds where keys and values start and end. `KvScanner` slices nothing at all, so a
 * decoder that recognises keys by their characters pays only for the values it keeps.
 */

/**
 * Walks the pairs of a line one at a time, exposing each pair's key and value as index ranges
 * into the line. Pairs are separated by spaces. A bare token without `=` is a key with an empty
 * value. Quoted values may be in `"` or `'`; an unterminated quote runs to the end of the line.
 * Never throws. One instance can be reused for line after line (`reset`).
 *
 * The scan jumps between delimiters with `indexOf`, which V8 runs natively, so the JavaScript
 * loop turns once per pair rather than once per character.
 */
export class KvScanner {
  /** The line being scanned. */
  line = '';
  keyStart = 0;
  keyEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  /** The current value is quoted and holds a backslash escape (`value()` resolves it). */
  escaped = false;
  private at = 0;
  // Position of the next backslash: most lines have none, so escapes cost one scan per line.
  private backslash = -1;

  /** Starts scanning `line` at `start`. */
  reset(line: string, start: number): void {
    this.line = line;
    this.at = start;
    this.backslash = line.indexOf('\\', start);
  }

  /** Moves to the next pair; false at the end of the line. */
  next(): boolean {
    const s = this.line;
    const len = s.length;
    let i = this.at;
    while (i < len && s.charCodeAt(i) === 32) i++;
    if (i >= len) {
      this.at = i;
      return false;
    }
    this.keyStart = i;
    this.escaped = false;
    // Keys are short, so a loop finds the `=` (or the space ending a bare token) sooner than two
    // indexOf calls would, and a quoted value then needs no search for the next space at all.
    let eq = i;
    for (; eq < len; eq++) {
      const c = s.charCodeAt(eq);
      if (c === 61 || c === 32) break;
    }
    if (s.charCodeAt(eq) !== 61) {
      this.keyEnd = eq;
      this.valueStart = eq;
      this.valueEnd = eq;
      this.at = eq;
      return true;
    }
    this.keyEnd = eq;
    const q = s.charCodeAt(eq + 1);
    if (q === 34 || q === 39) {
      const from = eq + 2;
      const quote = q === 34 ? '"' : "'";
      let close = s.indexOf(quote, from);
      while (close > 0 && isEscaped(s, close, from)) close = s.indexOf(quote, close + 1);
      const end = close < 0 ? len : close;
      if (this.backslash >= 0 && this.backslash < from) this.backslash = s.indexOf('\\', from);
      this.escaped = this.backslash >= 0 && this.backslash < end;
      this.valueStart = from;
      this.valueEnd = end;
      this.at = end + 1;
    } else {
      let sp = s.indexOf(' ', eq + 1);
      if (sp < 0) sp = len;
      this.valueStart = eq + 1;
      this.valueEnd = sp;
      this.at = sp;
    }
    return true;
  }

  key(): string {
    return this.line.slice(this.keyStart, this.keyEnd);
  }

  value(): string {
    const raw = this.line.slice(this.valueStart, this.valueEnd);
    return this.escaped ? unescape(raw) : raw;
  }
}

/** True when the quote at `at` is preceded by an odd number of backslashes (after `from`). */
function isEscaped(s: string, at: number, from: number): boolean {
  let n = 0;
  for (let j = at - 1; j >= from && s.charCodeAt(j) === 92; j--) n++;
  return (n & 1) === 1;
}

/** Backslash escapes inside a quoted value: `\"` → `"`, `\\` → `\`; other backslashes stay. */
function unescape(raw: string): string {
  return raw.replace(/\\(["'\\])/g, '$1');
}

const shared = new KvScanner();

/**
 * Appends the pairs of `s` (from `start`) to `out` as `[key, value, key, value, ...]` and returns
 * `out`, with the rules of `KvScanner`.
 */
export function kvPairs(s: string, start: number, out: string[]): string[] {
  // Synchronous from reset to the last next(), so one shared scanner serves every caller.
  const kv = shared;
  kv.reset(s, start);
  while (kv.next()) out.push(kv.key(), kv.value());
  kv.reset('', 0);
  return out;
}

/**
 * The pairs of `s` as an object (later duplicates win). Convenient for rare paths and tests; the
 * decoders' hot paths walk `kvPairs` output instead to avoid building a dictionary per line.
 */
export function parseKv(s: string): Record<string, string> {
  const pairs = kvPairs(s, 0, []);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < pairs.length; i += 2) out[pairs[i]!] = pairs[i + 1]!;
  return out;
}
