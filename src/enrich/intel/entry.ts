import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import { getPublicSuffix } from 'tldts';
import { CidrError, parseCidr, parseIp } from '../ip.ts';

/**
 * One threat-intelligence indicator, whatever format it was imported from.
 *
 * Only atomic network indicators are kept (an IP, a CIDR block, a domain): they are what the
 * enrichment pass can match on every event at line rate. A domain covers its subdomains.
 */

export type IndicatorKind = 'ip' | 'cidr' | 'domain';

export interface IntelEntry {
  /** Canonical text: `192.0.2.1`, `2001:db8::1`, `198.51.100.0/24`, `evil.example` (ASCII, lower case). */
  readonly indicator: string;
  readonly kind: IndicatorKind;
  /** Feed or organisation the entry came from; becomes `threat.indicator.provider`. */
  readonly source: string;
  /** 0-100, as STIX 2.1 `confidence`. */
  readonly confidence: number;
  /** Epoch ms after which the entry no longer matches, or null for no expiry. */
  readonly expiresAt: number | null;
}

/** A problem with one entry of an otherwise readable document; the other entries are kept. */
export interface ImportIssue {
  /** Where in the document: `line 7`, `objects[3] (indicator--...)`, `Event.Attribute[2]`. */
  readonly where: string;
  readonly message: string;
}

export interface ImportResult {
  readonly entries: IntelEntry[];
  readonly issues: ImportIssue[];
}

/** Defaults for entries whose document does not say. */
export interface ImportOptions {
  /** Provider name, e.g. `cfcs`, `nsm`, `abuse.ch`. Formats that name their producer may override it. */
  readonly source: string;
  /** Default 50 (STIX "Medium"). */
  readonly confidence?: number;
  /** Default null (no expiry). */
  readonly expiresAt?: number | null;
}

export const DEFAULT_CONFIDENCE = 50;

/** The whole document is unreadable (not JSON, not a STIX bundle, ...): nothing was imported. */
export class IntelImportError extends Error {
  override name = 'IntelImportError';
}

/** What a value is declared to be, when the format says; otherwise it is inferred. */
export type IndicatorHint = IndicatorKind | 'url';

/**
 * Classify and canonicalise an indicator. Returns the indicator, or a message saying why it is
 * not one. Public suffixes (`com`, `co.uk`) are refused: as suffix patterns they would match
 * half the internet.
 */
export function normaliseIndicator(value: string, hint?: IndicatorHint): { indicator: string; kind: IndicatorKind } | string {
  const v = value.trim();
  if (v === '') return 'empty indicator';
  if (hint === 'url' || (hint === undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(v))) return fromUrl(v);
  if (hint !== 'domain' && parseIp(v.split('/')[0]!) !== undefined) return fromAddress(v, hint);
  if (hint === 'ip' || hint === 'cidr') return `not an IP address or CIDR: "${v}"`;
  return fromDomain(v);
}

function fromAddress(v: string, hint: IndicatorHint | undefined): { indicator: string; kind: IndicatorKind } | string {
  let cidr;
  try {
    cidr = parseCidr(v);
  } catch (err) {
    if (err instanceof CidrError) return err.message;
    throw err;
  }
  const bits = cidr.version === 4 ? 32 : 128;
  const address = ipaddr.fromByteArray(bigIntBytes(cidr.start, bits / 8)).toString();
  if (cidr.prefix === bits) return { indicator: address, kind: 'ip' };
  if (hint === 'ip') return `expected a single address, got the block "${v}"`;
  return { indicator: `${address}/${cidr.prefix}`, kind: 'cidr' };
}

function bigIntBytes(v: bigint, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function fromUrl(v: string): { indicator: string; kind: IndicatorKind } | string {
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`).hostname;
  } catch {
    return `not a URL: "${v}"`;
  }
  // URL keeps IPv6 hosts in brackets.
  if (host.startsWith('[')) host = host.slice(1, -1);
  if (parseIp(host) !== undefined) return fromAddress(host, 'ip');
  return fromDomain(host);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

function fromDomain(v: string): { indicator: string; kind: IndicatorKind } | string {
  const lower = v.toLowerCase().replace(/\.$/, '');
  const ascii = domainToASCII(lower);
  if (ascii === '' || ascii.length > 253) return `not a domain name: "${v}"`;
  const labels = ascii.split('.');
  if (!labels.every((l) => LABEL.test(l))) return `not a domain name: "${v}"`;
  if (labels.length < 2 || getPublicSuffix(ascii) === ascii) return `"${v}" is a public suffix, too broad to match as a domain`;
  return { indicator: ascii, kind: 'domain' };
}

/** Confidence as a number 0-100, or a message. Accepts numbers and numeric strings. */
export function parseConfidence(v: unknown): number | string {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100) return `confidence must be 0-100, got "${String(v)}"`;
  return Math.round(n);
}

/**
 * STIX 2.1 Appendix A "None / Low / Medium / High" scale: the vendor-neutral rating ECS asks for
 * in `threat.indicator.confidence`.
 */
export function confidenceLabel(n: number): 'None' | 'Low' | 'Medium' | 'High' {
  return n === 0 ? 'None' : n < 30 ? 'Low' : n < 70 ? 'Medium' : 'High';
}

/** Build an entry from a raw value and its resolved attributes, or return why it is not one. */
export function toEntry(
  value: string,
  hint: IndicatorHint | undefined,
  attrs: { source: string; confidence: number; expiresAt: number | null },
): IntelEntry | string {
  const n = normaliseIndicator(value, hint);
  return typeof n === 'string' ? n : { ...n, ...attrs };
}

/** Resolve `ImportOptions` defaults once per document. */
export function defaults(opts: ImportOptions): { source: string; confidence: number; expiresAt: number | null } {
  return { source: opts.source, confidence: opts.confidence ?? DEFAULT_CONFIDENCE, expiresAt: opts.expiresAt ?? null };
}
