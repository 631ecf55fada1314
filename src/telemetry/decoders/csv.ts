/**
 * Splits one CSV record on commas. Fields in double quotes may hold commas, and `""` inside them
 * is a literal quote (PAN-OS quotes `"Korea, Republic of"` this way). Lines without a quote take
 * the native `split`, which is several times faster than any scan in JavaScript.
 */
export function splitCsv(line: string): string[] {
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  const len = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      let j = from;
      for (; j < len; j++) {
        if (line.charCodeAt(j) !== 34) continue;
        if (line.charCodeAt(j + 1) === 34) {
          value += line.slice(from, j + 1);
          from = j + 2;
          j++;
          continue;
        }
        break;
      }
      value += line.slice(from, Math.min(j, len));
      // Text between the closing quote and the next comma is kept, as lenient CSV readers do.
      const comma = line.indexOf(',', j);
      if (comma < 0) {
        out.push(j + 1 < len ? value + line.slice(j + 1) : value);
        return out;
      }
      out.push(j + 1 < comma ? value + line.slice(j + 1, comma) : value);
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}
