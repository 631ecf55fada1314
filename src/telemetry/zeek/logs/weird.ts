import type { VaernEvent } from '../../../model/event.ts';
import type { ZeekRecord } from '../record.ts';

/**
 * weird.log: protocol violations and oddities Zeek met (`bad_TCP_checksum`,
 * `dns_unmatched_reply`). Mostly noise on their own, evidence beside other signals.
 */
export function mapWeird(r: ZeekRecord, e: VaernEvent): void {
  e['event.category'] = ['network'];
  e['event.type'] = ['info'];
  const name = r.str('name');
  if (name !== undefined && name !== '') e['event.reason'] = name;
  const addl = r.str('addl');
  if (addl !== undefined && addl !== '') e['message'] = addl;
  const peer = r.str('peer');
  if (peer !== undefined && peer !== '') e['observer.hostname'] = peer;
}
