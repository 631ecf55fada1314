import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { networkEvent } from './event-base.ts';
import { canonicalIp, parsePort, parseUint, setAction, setProtocol, setRelatedIps } from './normalize.ts';

/**
 * pfSense / OPNsense `filterlog`: the pf firewall's CSV packet log. Layout per Netgate's "Raw
 * Filter Log Format" and OPNsense's filterlog description:
 *
 *   rule,subrule,anchor,tracker,interface,reason,action,dir,ipver,
 *   IPv4: tos,ecn,ttl,id,offset,flags,protoid,protoname,length,src,dst,
 *   IPv6: class,flowlabel,hoplimit,protoname,protoid,length,src,dst,
 *   then tcp: sport,dport,datalen,flags,seq,ack,window,urg,options; udp: sport,dport,datalen;
 *   other protocols: protocol-specific fields (not mapped).
 *
 * The log carries no time or host of its own: both come from the syslog header.
 */
const OBSERVER = { format: 'filterlog', vendor: 'Netgate', product: 'pfSense' } as const;
const SNIFF = /^\d*,\d*,[^,]*,[^,]*,[^,]+,[^,]*,[a-z-]*,(?:in|out),[46],/;

export const filterlog: Decoder = {
  format: 'filterlog',
  description: 'pfSense / OPNsense filterlog CSV (IPv4 and IPv6)',
  sniff(payload, header) {
    return header?.appname === 'filterlog' || SNIFF.test(payload);
  },
  decode: decodeFilterlog,
};

function decodeFilterlog(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const f = payload.split(',');
  if (f.length < 9) return `filterlog: expected at least 9 fields, got ${f.length}`;
  const version = f[8]!;
  let protoId: string;
  let length: string;
  let src: string;
  let dst: string;
  let data: number;
  if (version === '4') {
    if (f.length < 20) return `filterlog: expected at least 20 fields for IPv4, got ${f.length}`;
    protoId = f[15]!;
    length = f[17]!;
    src = f[18]!;
    dst = f[19]!;
    data = 20;
  } else if (version === '6') {
    if (f.length < 17) return `filterlog: expected at least 17 fields for IPv6, got ${f.length}`;
    protoId = f[13]!;
    length = f[14]!;
    src = f[15]!;
    dst = f[16]!;
    data = 17;
  } else {
    return `filterlog: unknown IP version "${version.slice(0, 20)}"`;
  }
  const e = networkEvent(OBSERVER, header, ctx);
  const sip = canonicalIp(src);
  const dip = canonicalIp(dst);
  if (sip === undefined) return `filterlog: bad source address "${src.slice(0, 60)}"`;
  if (dip === undefined) return `filterlog: bad destination address "${dst.slice(0, 60)}"`;
  e['source.ip'] = sip;
  e['destination.ip'] = dip;
  e['network.type'] = version === '4' ? 'ipv4' : 'ipv6';
  setProtocol(e, protoId);
  if (protoId === '6' || protoId === '17') {
    const sport = parsePort(f[data] ?? '');
    const dport = parsePort(f[data + 1] ?? '');
    if (sport === undefined || dport === undefined) return `filterlog: missing or bad ports for protocol ${protoId}`;
    e['source.port'] = sport;
    e['destination.port'] = dport;
  }
  const bytes = parseUint(length);
  if (bytes !== undefined) e['network.bytes'] = bytes;
  e['network.packets'] = 1;

  const tracker = f[3]!;
  e['rule.id'] = tracker !== '' ? tracker : f[0]!;
  if (f[2] !== '') e['rule.ruleset'] = f[2]!;
  const dir = f[7];
  const iface = f[4]!;
  // pf logs the direction relative to the interface it names: ECS calls that ingress/egress.
  if (dir === 'out') {
    e['network.direction'] = 'egress';
    e['observer.egress.interface.name'] = iface;
  } else {
    if (dir === 'in') e['network.direction'] = 'ingress';
    e['observer.ingress.interface.name'] = iface;
  }
  if (f[5] !== '') e['event.reason'] = f[5]!;
  setAction(e, f[6]!);
  setRelatedIps(e);
  return e;
}
