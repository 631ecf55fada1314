import type { VaernEvent } from '../../model/event.ts';
import { canonicalIp, setProtocol, setRelatedIps } from '../decoders/normalize.ts';
import { mapConn } from './logs/conn.ts';
import { mapDns } from './logs/dns.ts';
import { mapHttp } from './logs/http.ts';
import { mapNotice } from './logs/notice.ts';
import { mapSsh } from './logs/ssh.ts';
import { mapSsl } from './logs/ssl.ts';
import { mapWeird } from './logs/weird.ts';
import type { ZeekRecord } from './record.ts';

/** Adds one log type's fields to an event the common step started. */
export type LogMapper = (r: ZeekRecord, e: VaernEvent) => void;

/**
 * The logs with their own mapping. Any other log (x509, files, smtp, ...) still becomes an event
 * with its time, uid and endpoints, under `event.dataset` `zeek.<path>`.
 */
const MAPPERS: Readonly<Record<string, LogMapper>> = {
  conn: mapConn,
  dns: mapDns,
  http: mapHttp,
  ssl: mapSsl,
  ssh: mapSsh,
  notice: mapNotice,
  weird: mapWeird,
};

export interface ZeekMapContext {
  readonly tenant: string;
  readonly sensor: string;
  /** `zeek` (TSV) or `zeek-json`: the decoder, for `vaern.format`. */
  readonly format: string;
}

const datasets = new Map<string, string>();

/**
 * One record to an event: the steps every Zeek log shares (time, connection uid, endpoints,
 * transport, community id), then the log's own mapper. A record without a usable `ts` is rejected:
 * Zeek always writes one, so its absence means the line is not what the header says.
 */
export function mapZeekRecord(r: ZeekRecord, ctx: ZeekMapContext): VaernEvent | string {
  const ts = r.time('ts');
  if (ts === undefined) return `zeek ${r.path || '?'}: ts is unset or not a time`;
  let dataset = datasets.get(r.path);
  if (dataset === undefined) {
    dataset = `zeek.${r.path || 'unknown'}`;
    if (datasets.size < 1000) datasets.set(r.path, dataset);
  }
  const e: VaernEvent = {
    '@timestamp': ts,
    'vaern.tenant': ctx.tenant,
    'vaern.sensor': ctx.sensor,
    'vaern.format': ctx.format,
    'event.kind': 'event',
    'event.module': 'zeek',
    'event.dataset': dataset,
    'observer.vendor': 'Zeek',
    'observer.product': 'Zeek',
    'observer.type': 'ids',
  };
  const uid = r.str('uid');
  if (uid !== undefined && uid !== '') e['event.id'] = uid;
  setEndpoint(e, r.str('id.orig_h'), r.num('id.orig_p'), 'source');
  setEndpoint(e, r.str('id.resp_h'), r.num('id.resp_p'), 'destination');
  const proto = r.str('proto');
  if (proto !== undefined) setProtocol(e, proto);
  const community = r.str('community_id');
  if (community !== undefined && community !== '') e['network.community_id'] = community;
  MAPPERS[r.path]?.(r, e);
  setRelatedIps(e);
  return e;
}

function setEndpoint(e: VaernEvent, host: string | undefined, port: number | undefined, side: 'source' | 'destination'): void {
  const ip = host === undefined ? undefined : canonicalIp(host);
  // Literal field names keep V8's event objects in fast mode (see normalize.ts).
  if (side === 'source') {
    if (ip !== undefined) e['source.ip'] = ip;
    if (port !== undefined) e['source.port'] = port;
  } else {
    if (ip !== undefined) e['destination.ip'] = ip;
    if (port !== undefined) e['destination.port'] = port;
  }
}
