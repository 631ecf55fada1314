import { z } from 'zod';
import { defaults, toEntry, IntelImportError, type ImportOptions, type ImportResult, type IndicatorHint } from './entry.ts';

/**
 * MISP event JSON (an event export `{"Event": ...}`, a REST search `{"response": [...]}`, or an
 * array of events): attributes of the event and of its objects.
 *
 * Attribute types read: ip-src, ip-dst (address or CIDR), ip-src|port, ip-dst|port, domain,
 * hostname, hostname|port, domain|ip, url. Others (hashes, e-mail, ...) are passed over.
 * Only `to_ids` attributes are imported unless `includeNonIds`: MISP's own flag for "fit for
 * detection". Deleted attributes and objects are skipped.
 *
 * MISP attributes carry no expiry, so one is derived: the attribute's `last_seen` (else its
 * `timestamp`) plus `ttlDays`. Without it stale addresses, long since reassigned, would match
 * forever. The provider is the event's creator organisation (`Orgc.name`), else the options' source.
 */

export interface MispImportOptions extends ImportOptions {
  /** Days an attribute stays valid after it was last seen; null for no expiry. Default 90. */
  readonly ttlDays?: number | null;
  /** Import attributes without `to_ids` too. Default false. */
  readonly includeNonIds?: boolean;
}

export const DEFAULT_MISP_TTL_DAYS = 90;

const DAY_MS = 86_400_000;

const Flag = z.union([z.boolean(), z.enum(['0', '1']).transform((v) => v === '1'), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);
const EpochSeconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const Attribute = z.looseObject({
  type: z.string(),
  value: z.string(),
  to_ids: Flag.optional(),
  deleted: Flag.optional(),
  timestamp: EpochSeconds.optional(),
  last_seen: z.string().nullable().optional(),
});

const MispObject = z.looseObject({ deleted: Flag.optional(), Attribute: z.array(z.unknown()).default([]) });

const MispEvent = z.looseObject({
  info: z.string().optional(),
  Orgc: z.looseObject({ name: z.string() }).optional(),
  Attribute: z.array(z.unknown()).default([]),
  Object: z.array(z.unknown()).default([]),
});

const Wrapped = z.object({ Event: MispEvent });
const Document = z.union([Wrapped, z.object({ response: z.array(Wrapped) }), z.array(Wrapped)]);

/** MISP type -> how each `|`-separated part of the value is read (undefined: ignore that part). */
const TYPES: Record<string, readonly (IndicatorHint | undefined)[]> = {
  'ip-src': ['cidr'],
  'ip-dst': ['cidr'],
  'ip-src|port': ['ip', undefined],
  'ip-dst|port': ['ip', undefined],
  domain: ['domain'],
  hostname: ['domain'],
  'hostname|port': ['domain', undefined],
  'domain|ip': ['domain', 'ip'],
  url: ['url'],
};

export function importMisp(text: string, opts: MispImportOptions): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new IntelImportError(`not JSON: ${(err as Error).message}`);
  }
  const doc = Document.safeParse(raw);
  if (!doc.success) throw new IntelImportError(`not a MISP event: ${z.prettifyError(doc.error)}`);
  const events = Array.isArray(doc.data) ? doc.data : 'response' in doc.data ? doc.data.response : [doc.data];
  const base = defaults(opts);
  const ttlDays = opts.ttlDays === undefined ? DEFAULT_MISP_TTL_DAYS : opts.ttlDays;
  const result: ImportResult = { entries: [], issues: [] };

  const readAttribute = (a: unknown, where: string, source: string): void => {
    const parsed = Attribute.safeParse(a);
    if (!parsed.success) {
      result.issues.push({ where, message: z.prettifyError(parsed.error) });
      return;
    }
    const attr = parsed.data;
    const parts = TYPES[attr.type];
    if (parts === undefined || attr.deleted === true || (attr.to_ids !== true && opts.includeNonIds !== true)) return;
    const seen = attr.last_seen != null ? Date.parse(attr.last_seen) : attr.timestamp !== undefined ? attr.timestamp * 1000 : NaN;
    const expiresAt = ttlDays === null || Number.isNaN(seen) ? base.expiresAt : seen + ttlDays * DAY_MS;
    const values = attr.value.split('|');
    if (values.length !== parts.length) {
      result.issues.push({ where, message: `${attr.type} value "${attr.value}" should have ${parts.length} part(s)` });
      return;
    }
    parts.forEach((hint, k) => {
      if (hint === undefined) return;
      const entry = toEntry(values[k]!, hint, { source, confidence: base.confidence, expiresAt });
      if (typeof entry === 'string') result.issues.push({ where, message: entry });
      else result.entries.push(entry);
    });
  };

  events.forEach(({ Event: ev }, e) => {
    const prefix = events.length > 1 ? `events[${e}].Event` : 'Event';
    const source = ev.Orgc?.name ?? base.source;
    ev.Attribute.forEach((a, i) => readAttribute(a, `${prefix}.Attribute[${i}]`, source));
    ev.Object.forEach((o, j) => {
      const obj = MispObject.safeParse(o);
      if (!obj.success) {
        result.issues.push({ where: `${prefix}.Object[${j}]`, message: z.prettifyError(obj.error) });
        return;
      }
      if (obj.data.deleted === true) return;
      obj.data.Attribute.forEach((a, i) => readAttribute(a, `${prefix}.Object[${j}].Attribute[${i}]`, source));
    });
  });
  return result;
}
