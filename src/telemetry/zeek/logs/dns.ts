import { isIP } from 'node:net';
import type { VaernEvent } from '../../../model/event.ts';
import type { ZeekRecord } from '../record.ts';

/**
 * dns.log: one line per query/response pair (or an unanswered query). `answers` holds names and
 * addresses alike; the addresses also go to `dns.resolved_ip`.
 */
export function mapDns(r: ZeekRecord, e: VaernEvent): void {
  e['event.category'] = ['network'];
  e['event.type'] = ['protocol'];
  e['network.protocol'] = 'dns';
  const query = r.str('query');
  if (query !== undefined && query !== '') e['dns.question.name'] = query;
  const qtype = r.str('qtype_name');
  if (qtype !== undefined) e['dns.question.type'] = qtype;
  const qclass = r.str('qclass_name');
  if (qclass !== undefined) e['dns.question.class'] = qclass;
  const rcode = r.str('rcode_name');
  if (rcode !== undefined) e['dns.response_code'] = rcode;
  // A response code means Zeek saw the reply.
  e['dns.type'] = rcode !== undefined ? 'answer' : 'query';
  const id = r.num('trans_id');
  if (id !== undefined) e['dns.id'] = String(id);
  const rtt = r.ns('rtt');
  if (rtt !== undefined) e['event.duration'] = rtt;
  const answers = r.list('answers');
  if (answers !== undefined && answers.length > 0) {
    e['dns.answers.data'] = answers;
    const ips = answers.filter((a) => isIP(a) !== 0);
    if (ips.length > 0) e['dns.resolved_ip'] = ips;
  }
}
