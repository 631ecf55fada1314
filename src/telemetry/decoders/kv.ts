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
 * `out`. A bare token without `=` becomes a key with the empty value. Quoted values may be in `"`
 * or `'`; an unterminated quote runs to the end of the line. Never throws.
 */
export function kvPairs(s: string, start: number, out: string[]): string[] {
  const len = s.length;
  let i = start;
  while (i < len) {
    let c = s.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    const keyStart = i;
    while (i < len && c !== 61 && c !== 32 && c !== 9) c = s.charCodeAt(++i);
    const key = s.slice(keyStart, i);
    if (c !== 61 || i >= len) {
      out.push(key, '');
      continue;
    }
    i++;
    const q = s.charCodeAt(i);
    if (q === 34 || q === 39) {
      const valueStart = i + 1;
      let escaped = false;
      let j = valueStart;
      for (; j < len; j++) {
        const d = s.charCodeAt(j);
        if (d === 92) {
          escaped = true;
          j++;
        } else if (d === q) {
          break;
        }
      }
      const raw = s.slice(valueStart, Math.min(j, len));
      out.push(key, escaped ? unescape(raw) : raw);
      i = j + 1;
    } else {
      const valueStart = i;
      while (i < len) {
        const d = s.charCodeAt(i);
        if (d === 32 || d === 9) break;
        i++;
      }
      out.push(key, s.slice(valueStart, i));
    }
  }
  return out;
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
