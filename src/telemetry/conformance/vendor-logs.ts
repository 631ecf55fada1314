import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { VaernEvent } from '../../model/event.ts';
import { decodeBatch } from '../decode-batch.ts';
import type { ConformanceRow } from './runners.ts';

/**
 * Checks the firewall-log decoders against the shared corpora (../shared/corpora). Read-only; the
 * corpora are never copied into the repository.
 *
 * - logstash-patterns-core RSpec (firewalls_spec.rb for Cisco ASA, junos_spec.rb for Juniper SRX):
 *   each `ecs-v1` field assertion on a field Vaern maps counts once. Grok assigns source and
 *   destination by position in the text, Vaern by who initiated (ASA `outbound` Built lines name
 *   the responder first) and by where the packet entered (`on interface X` is the ingress, grok
 *   says egress). An assertion met only with the two sides swapped is not reproduced; it is listed
 *   in `missed` as `swapped`, so the report tells a design difference from a gap. Messages the spec gives without their `%ASA-n-id:` tag get the tag of the
 *   pattern's id, as the device sends them.
 * - elastic-integrations SonicWall sample (no expected output): each line counts once,
 *   reproduced when auto-detection picks the SonicWall decoder and it yields an event, with
 *   `source.ip` when the line has `src=`.
 */
type Ruby = string | number | boolean | null | Ruby[] | { [k: string]: Ruby };

/** Just enough of Ruby's literal syntax for RSpec expectations: strings, numbers, hashes, arrays. */
class RubyReader {
  i = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r') this.i++;
      else if (c === '#') this.i = this.s.indexOf('\n', this.i) < 0 ? this.s.length : this.s.indexOf('\n', this.i);
      else break;
    }
  }

  peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }

  private string(): string {
    const q = this.s[this.i++]!;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== q) {
      if (this.s[this.i] === '\\') {
        const n = this.s[this.i + 1]!;
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        this.i += 2;
      } else {
        out += this.s[this.i++];
      }
    }
    this.i++;
    return out;
  }

  value(): Ruby {
    const c = this.peek();
    if (c === '"' || c === "'") {
      let v = this.string();
      // `"a" + "b"` concatenation across lines.
      while (this.peek() === '+') {
        this.i++;
        this.peek();
        v += this.string();
      }
      return v;
    }
    if (c === '{') {
      this.i++;
      const h = this.pairs('}');
      this.i++;
      return h;
    }
    if (c === '[') {
      this.i++;
      const a: Ruby[] = [];
      while (this.peek() !== ']' && this.i < this.s.length) {
        a.push(this.value());
        if (this.peek() === ',') this.i++;
      }
      this.i++;
      return a;
    }
    const num = /^-?\d+(\.\d+)?/.exec(this.s.slice(this.i));
    if (num !== null) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const ident = /^[a-z_]+/.exec(this.s.slice(this.i));
    if (ident !== null) {
      this.i += ident[0].length;
      if (this.peek() === '(') {
        // hash_including(...): its hash.
        this.i++;
        const h = this.peek() === '{' ? this.value() : this.pairs(')');
        if (this.peek() === ')') this.i++;
        return h;
      }
      return ident[0] === 'true' ? true : ident[0] === 'false' ? false : null;
    }
    this.i++;
    return null;
  }

  /** `"k" => v, "k2" => v2` up to `end` (not consumed) or the first thing that is not a pair. */
  pairs(end: string): { [k: string]: Ruby } {
    const out: { [k: string]: Ruby } = {};
    for (;;) {
      const c = this.peek();
      if (c === end || (c !== '"' && c !== "'")) return out;
      const key = this.string();
      if (this.peek() !== '=' || this.s[this.i + 1] !== '>') return out;
      this.i += 2;
      out[key] = this.value();
      if (this.peek() !== ',') return out;
      this.i++;
    }
  }
}

interface SpecCase {
  pattern: string;
  message: string;
  expectations: { [k: string]: Ruby }[];
}

/** The `describe_pattern` blocks of a spec file, with each context's message and ECS assertions. */
function specCases(text: string): SpecCase[] {
  const out: SpecCase[] = [];
  const blocks = text.split(/^describe_pattern /m).slice(1);
  for (const block of blocks) {
    const pattern = /^["']([^"']+)["']/.exec(block)?.[1] ?? '';
    // Each `let(:message)` starts a case; the assertions up to the next one belong to it.
    const parts = block.split(/let\(:message\)\s*(?:\{|do)/).slice(1);
    for (const part of parts) {
      const r = new RubyReader(part);
      const message = r.value();
      if (typeof message !== 'string') continue;
      const expectations: { [k: string]: Ruby }[] = [];
      // Only the ecs-v1 branch: the text between `if ecs_compatibility?` and its `else`.
      for (const branch of part.split(/if ecs_compatibility\?/).slice(1)) {
        const ecs = branch.split(/\n\s*else\b/)[0]!;
        for (const m of ecs.matchAll(/expect\(subject\)\.to include\s*/g)) {
          const rr = new RubyReader(ecs.slice(m.index + m[0].length));
          let h: Ruby;
          if (rr.peek() === '(') {
            rr.i++;
            h = rr.peek() === '{' ? rr.value() : rr.pairs(')');
          } else {
            h = rr.peek() === '{' ? rr.value() : rr.pairs('\n');
          }
          if (h !== null && typeof h === 'object' && !Array.isArray(h)) expectations.push(h);
        }
      }
      out.push({ pattern, message, expectations });
    }
  }
  return out;
}

function flatten(h: { [k: string]: Ruby }, prefix: string, out: [string, Ruby][]): [string, Ruby][] {
  for (const [k, v] of Object.entries(h)) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, path, out);
    else out.push([path, v]);
  }
  return out;
}

/** Spec field → the Vaern field that holds the same fact, and how values compare. */
const FIELD_MAP: Readonly<Record<string, string>> = {
  'cisco.asa.network.transport': 'network.transport',
  'cisco.asa.network.direction': 'network.direction',
  'cisco.asa.rule_name': 'rule.name',
  'cisco.asa.outcome': 'vaern.vendor_action',
  'cisco.asa.connection_id': 'event.id',
  'source.user.name': 'user.name',
  'host.hostname': 'observer.hostname',
  'juniper.srx.tag': 'event.code',
  'juniper.srx.reason': 'event.reason',
  'juniper.srx.session_id': 'event.id',
  'juniper.srx.service_name': 'network.protocol',
  'juniper.srx.elapsed_time': 'event.duration',
};
/** Fields Vaern maps under the same name. */
const SAME = /^(source|destination)\.(ip|port|bytes|packets|nat\.ip|nat\.port)$|^observer\.(ingress|egress)\.(interface\.name|zone)$|^rule\.name$|^network\.iana_number$|^event\.reason$|^log\.syslog\.priority$|^destination\.address$/;

function vaernField(path: string): string | undefined {
  if (FIELD_MAP[path] !== undefined) return FIELD_MAP[path];
  return SAME.test(path) ? path : undefined;
}

function matches(e: VaernEvent, field: string, want: Ruby): boolean {
  const rec = e as Record<string, unknown>;
  if (field === 'destination.address') return rec['destination.ip'] === want || rec['destination.domain'] === want;
  if (field === 'event.duration') return rec[field] === Number(want) * 1e9;
  // `protocol 103`: Vaern names the protocol (pim) and keeps the number in network.iana_number.
  if (field === 'network.transport' && typeof want === 'string' && /^\d+$/.test(want)) return rec['network.iana_number'] === want;
  const got = rec[field];
  if (got === undefined) return false;
  if (typeof want === 'string' && typeof got === 'string') {
    // Vaern lower-cases protocol and direction words, and normalises the ASA action word.
    return got.toLowerCase() === want.toLowerCase() || (field === 'vaern.vendor_action' && got === want.toLowerCase().replace(/ing$/, ''));
  }
  return got === want;
}

const SWAP: readonly [string, string][] = [['source.', 'destination.'], ['observer.ingress.', 'observer.egress.']];
function swapped(field: string): string {
  for (const [a, b] of SWAP) {
    if (field.startsWith(a)) return b + field.slice(a.length);
    if (field.startsWith(b)) return a + field.slice(b.length);
  }
  return field;
}

const CTX = { tenant: 'conformance', sensor: 'corpus', origin: 'corpus', receivedAt: Date.UTC(2026, 0, 1) };

/** A spec message as the device sends it: with its `%ASA-n-id:` tag. */
function asaLine(pattern: string, message: string): string {
  if (/(?:ASA|PIX|FTD)-\d-\d{6}/.test(message) || pattern === 'CISCO_TAGGED_SYSLOG') return message;
  const id = /\d{6}/.exec(pattern)?.[0];
  if (id === undefined) return message;
  const body = message.replace(/^.*?\b\d{6}: /, '');
  return `%ASA-6-${id}: ${body}`;
}

async function specRow(path: string, source: string, format: string, line: (pattern: string, message: string) => string): Promise<ConformanceRow> {
  let expected = 0;
  let reproduced = 0;
  const missed: string[] = [];
  for (const c of specCases(await readFile(path, 'utf8'))) {
    const checks = c.expectations.flatMap((h) => flatten(h, '', [])).map(([p, v]) => [vaernField(p), v] as const).filter((x): x is [string, Ruby] => x[0] !== undefined);
    if (checks.length === 0) continue;
    const { events } = decodeBatch([line(c.pattern, c.message)], { ...CTX, format });
    const e = events[0];
    expected += checks.length;
    if (e === undefined) {
      missed.push(`${c.pattern}: no event`);
      continue;
    }
    for (const [field, want] of checks) {
      if (matches(e, field, want)) reproduced++;
      else missed.push(`${c.pattern} ${field}${matches(e, swapped(field), want) ? ' (swapped: initiator/ingress by design)' : ''}`);
    }
  }
  return { source, expected, reproduced, missed };
}

/** Cisco ASA and Juniper SRX against logstash-patterns-core; SonicWall against Elastic's sample. */
export async function vendorLogs(corporaDir: string): Promise<ConformanceRow[]> {
  const rows: ConformanceRow[] = [];
  const spec = `${corporaDir}/logstash-patterns-core/spec/patterns`;
  if (existsSync(`${spec}/firewalls_spec.rb`)) rows.push(await specRow(`${spec}/firewalls_spec.rb`, 'logstash: cisco-asa', 'cisco-asa', asaLine));
  if (existsSync(`${spec}/junos_spec.rb`)) rows.push(await specRow(`${spec}/junos_spec.rb`, 'logstash: juniper-srx', 'juniper-srx', (_p, m) => m));
  const sonicwall = `${corporaDir}/elastic-integrations/packages/sonicwall_firewall/data_stream/log/_dev/test/pipeline/test-general.log`;
  if (existsSync(sonicwall)) {
    const lines = (await readFile(sonicwall, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const { events } = decodeBatch(lines, { ...CTX, format: 'auto' });
    const good = events.filter((e) => e['vaern.format'] === 'sonicwall');
    // Each line: detected as SonicWall and decoded, and (when it has src=) with a source address.
    const withSrc = lines.filter((l) => / src(?:V6)?=/.test(l)).length;
    const srcOk = good.filter((e) => e['source.ip'] !== undefined).length;
    rows.push({ source: 'elastic: sonicwall', expected: lines.length + withSrc, reproduced: good.length + Math.min(srcOk, withSrc) });
  }
  return rows;
}
