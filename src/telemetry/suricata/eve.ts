import type { VaernEvent } from '../../model/event.ts';
import type { Decoder } from '../decoder.ts';
import { canonicalIp, setProtocol, setRelatedIps } from '../decoders/normalize.ts';
import { describe, eveSchema, type EveMapper } from './common.ts';
import { mapAlert } from './alert.ts';
import { mapAnomaly } from './anomaly.ts';
import { mapDns } from './dns.ts';
import { mapFlow } from './flow.ts';
import { mapHttp } from './http.ts';
import { mapTls } from './tls.ts';

/**
 * Suricata EVE JSON: one object per line, `event_type` saying which kind. The fields every type
 * shares are checked here; each mapped type checks its own sub-object in its own file. Other
 * types (fileinfo, smb, stats...) become generic events under `event.dataset` `suricata.<type>`.
 */
const MAPPERS: Readonly<Record<string, EveMapper>> = {
  alert: mapAlert,
  flow: mapFlow,
  dns: mapDns,
  http: mapHttp,
  tls: mapTls,
  anomaly: mapAnomaly,
};

const datasets = new Map<string, string>();

export function decodeEve(line: string, ctx: { tenant: string; sensor: string }): VaernEvent | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return `suricata: not JSON: ${(err as Error).message}`;
  }
  const parsed = eveSchema.safeParse(json);
  if (!parsed.success) return `suricata: ${describe(parsed.error)}`;
  const eve = parsed.data;
  const ts = Date.parse(eve.timestamp);
  if (Number.isNaN(ts)) return `suricata: timestamp "${eve.timestamp.slice(0, 40)}" is not a time`;
  let dataset = datasets.get(eve.event_type);
  if (dataset === undefined) {
    dataset = `suricata.${eve.event_type}`;
    if (datasets.size < 1000) datasets.set(eve.event_type, dataset);
  }
  const e: VaernEvent = {
    '@timestamp': ts,
    'vaern.tenant': ctx.tenant,
    'vaern.sensor': ctx.sensor,
    'vaern.format': 'suricata',
    'event.kind': 'event',
    'event.module': 'suricata',
    'event.dataset': dataset,
    'observer.vendor': 'OISF',
    'observer.product': 'Suricata',
    'observer.type': 'ids',
  };
  if (eve.host !== undefined) e['observer.hostname'] = eve.host;
  if (eve.in_iface !== undefined) e['observer.ingress.interface.name'] = eve.in_iface;
  // flow_id ties the alert, flow and protocol records of one flow together, as Zeek's uid does.
  if (eve.flow_id !== undefined) e['event.id'] = String(eve.flow_id);
  const src = eve.src_ip === undefined ? undefined : canonicalIp(eve.src_ip);
  if (src !== undefined) e['source.ip'] = src;
  if (eve.src_port !== undefined) e['source.port'] = eve.src_port;
  const dst = eve.dest_ip === undefined ? undefined : canonicalIp(eve.dest_ip);
  if (dst !== undefined) e['destination.ip'] = dst;
  if (eve.dest_port !== undefined) e['destination.port'] = eve.dest_port;
  if (eve.proto !== undefined) setProtocol(e, String(eve.proto));
  if (eve.app_proto !== undefined && eve.app_proto !== 'failed') e['network.protocol'] = eve.app_proto;
  if (eve.community_id !== undefined) e['network.community_id'] = eve.community_id;
  const reason = MAPPERS[eve.event_type]?.(eve, e);
  if (reason !== undefined) return `suricata ${eve.event_type}: ${reason}`;
  setRelatedIps(e);
  return e;
}

/** EVE lines forwarded one by one (syslog `filetype: syslog` output, a shipper) or read from eve.json. */
export const suricata: Decoder = {
  format: 'suricata',
  description: 'Suricata EVE JSON (alert, flow, dns, http, tls, anomaly; other event types generically)',
  sniff(payload) {
    return payload.charCodeAt(0) === 123 && payload.includes('"event_type":');
  },
  decode(payload, _header, ctx) {
    return decodeEve(payload, ctx);
  },
};
