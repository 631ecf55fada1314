import { unescapeZeek } from './values.ts';

/**
 * The `#` header of a Zeek TSV log (the ASCII writer's format):
 *
 *     #separator \x09
 *     #set_separator	,
 *     #empty_field	(empty)
 *     #unset_field	-
 *     #path	conn
 *     #open	2024-04-12-19-29-12
 *     #fields	ts	uid	id.orig_h	...
 *     #types	time	string	addr	...
 *
 * `#separator` is written with a space and its value escaped (`\x09`); every other line uses the
 * separator it declares. A file ends with `#close`. Other `#` lines (a test banner) are ignored.
 */
export interface ZeekHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  /** Log type from `#path` (`conn`, `dns`); '' until seen. */
  path: string;
  fields: string[];
  types: string[];
  /** `#open`/`#close` stamps as written (`2024-04-12-19-29-12`), for the record. */
  open?: string;
  close?: string;
}

/** The writer's defaults, which apply until a header line says otherwise. */
export function defaultHeader(): ZeekHeader {
  return { separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-', path: '', fields: [], types: [] };
}

/** Applies one `#` line to `h`. Returns a reason when the line is a malformed directive. */
export function applyHeaderLine(h: ZeekHeader, line: string): string | undefined {
  if (line.startsWith('#separator')) {
    const value = line.slice('#separator'.length).trim();
    const sep = unescapeZeek(value);
    if (sep === '') return 'zeek: empty #separator';
    h.separator = sep;
    return undefined;
  }
  const cut = line.indexOf(h.separator);
  // `#close XXXX` with a space appears in test baselines whose times are masked; treat it alike.
  const at = cut > 0 ? cut : line.indexOf(' ');
  const key = at > 0 ? line.slice(1, at) : line.slice(1);
  const rest = at > 0 ? line.slice(at + (cut > 0 ? h.separator.length : 1)) : '';
  switch (key) {
    case 'set_separator': h.setSeparator = unescapeZeek(rest); break;
    case 'empty_field': h.emptyField = unescapeZeek(rest); break;
    case 'unset_field': h.unsetField = unescapeZeek(rest); break;
    case 'path': h.path = rest; break;
    case 'open': h.open = rest; break;
    case 'close': h.close = rest; break;
    case 'fields': h.fields = rest.split(h.separator); break;
    case 'types': h.types = rest.split(h.separator); break;
    default: break;
  }
  if (key === 'types' && h.fields.length !== h.types.length) return `zeek: #types has ${h.types.length} entries for ${h.fields.length} #fields`;
  return undefined;
}

/** True when a file's first bytes are a Zeek TSV header (used by format detection). */
export function looksLikeZeekTsv(firstLine: string): boolean {
  return firstLine.startsWith('#separator ');
}
