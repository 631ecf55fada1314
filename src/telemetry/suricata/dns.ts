import { isIP } from 'node:net';
import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';
import { describe, type Eve } from './common.ts';

/**
 * `dns`, in the three shapes Suricata has written: version 1 (one line per query and per answer
 * record: `rrname`, `rrtype`, `rdata`), version 2 (`answers` / `grouped` on one answer line) and
 * version 3 (Suricata 8: `queries` and `answers` lists, `type` request/response).
 */
const record = z.looseObject({ rrname: z.string().optional(), rrtype: z.string().optional(), rdata: z.unknown().optional() });
const dnsSchema = z.looseObject({
  type: z.string().optional(),
  id: z.number().int().optional(),
  rrname: z.string().optional(),
  rrtype: z.string().optional(),
  rcode: z.string().optional(),
  rdata: z.unknown().optional(),
  queries: z.array(record).optional(),
  answers: z.array(record).optional(),
  grouped: z.record(z.string(), z.array(z.unknown())).optional(),
});

export function mapDns(eve: Eve, e: VaernEvent): string | undefined {
  const parsed = dnsSchema.safeParse(eve['dns']);
  if (!parsed.success) return `dns.${describe(parsed.error)}`;
  const d = parsed.data;
  e['event.category'] = ['network'];
  e['event.type'] = ['protocol'];
  e['network.protocol'] = 'dns';
  const answer = d.type === 'answer' || d.type === 'response';
  e['dns.type'] = answer ? 'answer' : 'query';
  if (d.id !== undefined) e['dns.id'] = String(d.id);
  const question = d.queries?.[0];
  const name = question?.rrname ?? d.rrname;
  const qtype = question?.rrtype ?? d.rrtype;
  if (name !== undefined && name !== '') e['dns.question.name'] = name;
  if (qtype !== undefined) e['dns.question.type'] = qtype;
  if (d.rcode !== undefined) e['dns.response_code'] = d.rcode;
  const data: string[] = [];
  if (d.answers !== undefined) {
    for (const a of d.answers) if (typeof a.rdata === 'string') data.push(a.rdata);
  } else if (d.grouped !== undefined) {
    for (const values of Object.values(d.grouped)) for (const v of values) if (typeof v === 'string') data.push(v);
  } else if (answer && typeof d.rdata === 'string') {
    data.push(d.rdata);
  }
  if (data.length > 0) {
    e['dns.answers.data'] = data;
    const ips = data.filter((a) => isIP(a) !== 0);
    if (ips.length > 0) e['dns.resolved_ip'] = ips;
  }
  return undefined;
}
