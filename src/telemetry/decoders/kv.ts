/**
 * The key=value tokenizer behind FortiGate, iptables and the other "kv" vendors:
 * `key=value key2="quoted value with \"escapes\"" empty= flag`.
 *
 * Written by hand rather than with a regular expression because it is the hottest loop in Vaern
 * (about 40 pairs per FortiGate line at hundreds of thousands of lines per second): a global regex
 * allocates a match array per pair and still needs a second pass to unescape quotes, while this
 * scan only slices the key and value out of the line and allocates nothing else unless a value
 * actually contains an escape.
 */

/**
 * Appends the pairs of `s` (from `start`) to `out` as `[key, value, key, value, ...]` and returns
 * `out`. Pairs are separated by spaces. A bare token without `=` becomes a key with the empty
 * value. Quoted values may be in `"` or `'`; an unterminated quote runs to the end of the line.
 * Never throws.
 *
 * The scan jumps between delimiters with `indexOf`, which V8 runs natively, so the JavaScript
 * loop turns once per pair rather than once per character.
 */
export function kvPairs(s: string, start: number, out: string[]): string[] {
  const len = s.length;
  let i = start;
  // Position of the next backslash: most lines have none, so escapes cost one scan per line.
  let backslash = s.indexOf('\\', start);
  while (i < len) {
    if (s.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    const eq = s.indexOf('=', i);
    let sp = s.indexOf(' ', i);
    if (sp < 0) sp = len;
    if (eq < 0 || sp < eq) {
      out.push(s.slice(i, sp), '');
      i = sp;
      continue;
    }
    const key = s.slice(i, eq);
    const q = s.charCodeAt(eq + 1);
    if (q === 34 || q === 39) {
      const from = eq + 2;
      const quote = q === 34 ? '"' : "'";
      let close = s.indexOf(quote, from);
      while (close > 0 && isEscaped(s, close, from)) close = s.indexOf(quote, close + 1);
      const end = close < 0 ? len : close;
      if (backslash >= 0 && backslash < from) backslash = s.indexOf('\\', from);
      const escaped = backslash >= 0 && backslash < end;
      const raw = s.slice(from, end);
      out.push(key, escaped ? unescape(raw) : raw);
      i = end + 1;
    } else {
      out.push(key, s.slice(eq + 1, sp));
      i = sp;
    }
  }
  return out;
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
