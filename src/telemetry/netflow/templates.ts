import { C_SKIP, mappingOf } from './ie.ts';

/** Template field length that announces a variable-length field (RFC 7011 section 7). */
export const VARLEN = 65535;

/** One field of a compiled template. */
export interface FieldStep {
  /** Length on the wire, or VARLEN. */
  readonly len: number;
  readonly slot: number;
  readonly conv: number;
}

/**
 * A template compiled for the record decoder: the fields reduced to (length, slot, conversion).
 * Decoding a record is then a tight loop over this array; nothing is looked up per record.
 */
export interface Template {
  readonly id: number;
  readonly fields: readonly FieldStep[];
  /** Smallest possible record: fixed lengths plus one length byte per variable field. */
  readonly minLength: number;
  /** Options templates carry exporter metadata (sampling, system init time), not flows. */
  readonly options: boolean;
}

/** A raw template field as it appears on the wire. */
export interface WireField {
  readonly id: number;
  readonly len: number;
  /** Private enterprise number, 0 for IANA elements (and always 0 in NetFlow v9). */
  readonly pen: number;
}

/**
 * Compile wire fields. The first `scopeCount` fields of an options template are scope fields;
 * they identify what the options describe and, in v9, reuse low type numbers with another meaning
 * (1 = system, 2 = interface), so they are only skipped over.
 */
export function compileTemplate(id: number, wire: readonly WireField[], options: boolean, scopeCount: number): Template {
  let minLength = 0;
  const fields = wire.map((f, i): FieldStep => {
    minLength += f.len === VARLEN ? 1 : f.len;
    if (i < scopeCount) return { len: f.len, slot: 0, conv: C_SKIP };
    const [slot, conv] = mappingOf(f.id, f.pen, f.len);
    return { len: f.len, slot, conv };
  });
  return { id, fields, minLength, options };
}

/** What Vaern remembers per exporter address and observation domain (v9 source id). */
export interface Domain {
  readonly key: string;
  readonly templates: Map<number, Template>;
  /** 1-in-N packet sampling announced by options data; 1 when none. */
  samplingInterval: number;
  /** IPFIX systemInitTimeMilliseconds from options data, for flow*SysUpTime fields; NaN when unknown. */
  sysInitMs: number;
}

export interface TemplateCacheLimits {
  /** Exporter/domain pairs kept; beyond this, templates from new pairs are refused. */
  readonly maxDomains?: number;
  /** Templates kept per domain. */
  readonly maxTemplatesPerDomain?: number;
}

/**
 * Templates per exporter address + observation domain. Bounded so that a spoofing sender cannot
 * grow it without limit: a refused template shows up as a reject, not as memory.
 */
export class TemplateCache {
  readonly #domains = new Map<string, Domain>();
  readonly #maxDomains: number;
  readonly #maxTemplates: number;

  constructor(limits: TemplateCacheLimits = {}) {
    this.#maxDomains = limits.maxDomains ?? 10_000;
    this.#maxTemplates = limits.maxTemplatesPerDomain ?? 4_096;
  }

  /** The domain, created on first use; undefined when the cache is full. */
  domain(exporter: string, domainId: number): Domain | undefined {
    const key = `${exporter}/${domainId}`;
    let d = this.#domains.get(key);
    if (d === undefined) {
      if (this.#domains.size >= this.#maxDomains) return undefined;
      d = { key, templates: new Map(), samplingInterval: 1, sysInitMs: NaN };
      this.#domains.set(key, d);
    }
    return d;
  }

  /** Store a template; false when the domain already holds the maximum. */
  put(domain: Domain, template: Template): boolean {
    if (!domain.templates.has(template.id) && domain.templates.size >= this.#maxTemplates) return false;
    domain.templates.set(template.id, template);
    return true;
  }

  get size(): number {
    let n = 0;
    for (const d of this.#domains.values()) n += d.templates.size;
    return n;
  }
}
