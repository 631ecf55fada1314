import type { VaernEvent } from '../../../model/event.ts';
import type { ZeekRecord } from '../record.ts';

/**
 * conn.log: one line per connection when it ends. Byte counts are Zeek's payload bytes
 * (`orig_bytes`, from TCP sequence numbers); packets are IP packets.
 * `local_orig` / `local_resp` (Site::local_nets) give the direction when Zeek was told the site's
 * networks; otherwise the enricher decides it.
 */
export function mapConn(r: ZeekRecord, e: VaernEvent): void {
  e['event.category'] = ['network'];
  e['event.type'] = ['connection'];
  const service = r.str('service');
  if (service !== undefined && service !== '') e['network.protocol'] = service;
  const duration = r.ns('duration');
  if (duration !== undefined) e['event.duration'] = duration;
  const ob = r.num('orig_bytes');
  const rb = r.num('resp_bytes');
  const op = r.num('orig_pkts');
  const rp = r.num('resp_pkts');
  if (ob !== undefined) e['source.bytes'] = ob;
  if (rb !== undefined) e['destination.bytes'] = rb;
  if (op !== undefined) e['source.packets'] = op;
  if (rp !== undefined) e['destination.packets'] = rp;
  if (ob !== undefined && rb !== undefined) e['network.bytes'] = ob + rb;
  if (op !== undefined && rp !== undefined) e['network.packets'] = op + rp;
  const state = r.str('conn_state');
  if (state !== undefined && state !== '') e['vaern.conn_state'] = state;
  const history = r.str('history');
  if (history !== undefined && history !== '') e['vaern.conn_history'] = history;
  const direction = directionOf(r.bool('local_orig'), r.bool('local_resp'));
  if (direction !== undefined) e['network.direction'] = direction;
}

function directionOf(localOrig: boolean | undefined, localResp: boolean | undefined): string | undefined {
  if (localOrig === undefined || localResp === undefined) return undefined;
  if (localOrig) return localResp ? 'internal' : 'outbound';
  return localResp ? 'inbound' : 'external';
}
