import type { VaernEvent } from '../../../model/event.ts';
import { canonicalIp } from '../../decoders/normalize.ts';
import type { ZeekRecord } from '../record.ts';

/**
 * notice.log: Zeek's own alerts (`Scan::Port_Scan`, `SSL::Invalid_Server_Cert`...). The note
 * name is both `rule.id` and `rule.name`, so the IDS-alert detector (src/detect/suricata-alert.ts)
 * treats notices as it treats Suricata signatures. A notice about a host rather than a
 * connection names it in `src`/`dst`/`p` instead of `id.*`.
 */
export function mapNotice(r: ZeekRecord, e: VaernEvent): void {
  e['event.kind'] = 'alert';
  e['event.category'] = ['intrusion_detection'];
  e['event.type'] = ['info'];
  e['rule.ruleset'] = 'zeek-notice';
  const note = r.str('note');
  if (note !== undefined && note !== '') {
    e['rule.id'] = note;
    e['rule.name'] = note;
  }
  const msg = r.str('msg');
  if (msg !== undefined && msg !== '') e['message'] = msg;
  const sub = r.str('sub');
  if (sub !== undefined && sub !== '') e['event.reason'] = sub;
  const actions = r.list('actions');
  if (actions !== undefined && actions.length > 0) e['vaern.vendor_action'] = actions.join(',');
  if (e['source.ip'] === undefined) {
    const src = canonicalIp(r.str('src') ?? '');
    if (src !== undefined) e['source.ip'] = src;
  }
  if (e['destination.ip'] === undefined) {
    const dst = canonicalIp(r.str('dst') ?? '');
    if (dst !== undefined) e['destination.ip'] = dst;
    const port = r.num('p');
    if (port !== undefined && e['destination.port'] === undefined) e['destination.port'] = port;
  }
}
