import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { ecsMac, networkEvent } from './event-base.ts';
import { kvPairs } from './kv.ts';
import { canonicalIp, ipVersion, parsePort, parseUint, setAction, setProtocol, setRelatedIps } from './normalize.ts';

/**
 * Linux netfilter LOG / NFLOG lines, from iptables (`-j LOG --log-prefix`) and nftables
 * (`log prefix`), which share the kernel's format:
 *
 *   [prefix]IN=eth0 OUT= MAC=dst:src:type SRC=… DST=… LEN=… … PROTO=TCP SPT=… DPT=… …
 *
 * The prefix is free text chosen by the administrator. Vaern reads an action from it when it
 * holds a verdict word (`[UFW BLOCK]`, `DROP_INPUT`), and the EdgeOS / VyOS convention
 * `[ruleset-rule-A|D|R]`. ICMP errors quote the offending packet in `[…]`; that part is ignored
 * so the outer addresses win.
 */
const OBSERVER = { format: 'iptables', vendor: 'Linux', product: 'netfilter' } as const;
const KERNEL_TIME = /^\[\s*\d+\.\d+\]\s*/;
const EDGEOS = /^\[?([^\]]*?)-(\d+|default)-([ADR])\]?$/;
const EDGEOS_ACTIONS: Readonly<Record<string, string>> = { A: 'accept', D: 'drop', R: 'reject' };
const WORD = /[A-Za-z]+/g;
/** Only plain verdict words count in a free-text prefix (`FORWARD`, `LOG` are chain and target names). */
const PREFIX_VERDICTS = new Set(['accept', 'allow', 'pass', 'permit', 'drop', 'deny', 'block', 'reject']);

export const iptables: Decoder = {
  format: 'iptables',
  description: 'Linux iptables / nftables LOG lines (IN= OUT= SRC= DST= PROTO=)',
  sniff(payload) {
    return findIn(payload) >= 0 && payload.indexOf(' SRC=') > 0;
  },
  decode: decodeIptables,
};

/** Index of the `IN=` that starts the packet fields (at the start, or after a space, `]` or `:` as Shorewall writes). */
function findIn(s: string): number {
  let i = s.indexOf('IN=');
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c === 32 || c === 93 || c === 58) return i;
    i = s.indexOf('IN=', i + 3);
  }
  return i;
}

function decodeIptables(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const at = findIn(payload);
  if (at < 0) return 'iptables: no IN= field';
  const e = networkEvent(OBSERVER, header, ctx);
  const pairs = kvPairs(payload, at, []);
  let src = '';
  let dst = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const key = pairs[i]!;
    const value = pairs[i + 1]!;
    if (key.charCodeAt(0) === 91) break;
    if (value === '') continue;
    switch (key) {
      case 'IN': e['observer.ingress.interface.name'] = value; break;
      case 'OUT': e['observer.egress.interface.name'] = value; break;
      case 'SRC': src = value; break;
      case 'DST': dst = value; break;
      case 'PROTO': setProtocol(e, value); break;
      case 'MAC': setMacs(e, value); break;
      case 'LEN': {
        // The first LEN is the IP packet's; a later one is the UDP header's.
        const n = parseUint(value);
        if (n !== undefined && e['network.bytes'] === undefined) e['network.bytes'] = n;
        break;
      }
      case 'SPT': {
        const n = parsePort(value);
        if (n !== undefined) e['source.port'] = n;
        break;
      }
      case 'DPT': {
        const n = parsePort(value);
        if (n !== undefined) e['destination.port'] = n;
        break;
      }
    }
  }
  const sip = canonicalIp(src);
  const dip = canonicalIp(dst);
  if (sip === undefined) return `iptables: missing or bad SRC "${src.slice(0, 60)}"`;
  if (dip === undefined) return `iptables: missing or bad DST "${dst.slice(0, 60)}"`;
  e['source.ip'] = sip;
  e['destination.ip'] = dip;
  e['network.type'] = ipVersion(sip);
  e['network.packets'] = 1;
  applyPrefix(e, prefixOf(payload.slice(0, at), header));
  setRelatedIps(e);
  return e;
}

/** The log prefix, without the kernel's uptime stamp; a prefix ending in `:` may have been taken as the syslog tag. */
function prefixOf(text: string, header: SyslogHeader | undefined): string {
  const p = text.replace(KERNEL_TIME, '').trim();
  if (p !== '') return p;
  const app = header?.appname;
  return app !== undefined && app !== 'kernel' ? app : '';
}

function applyPrefix(e: ReturnType<typeof networkEvent>, prefix: string): void {
  if (prefix === '') return;
  const clean = prefix.endsWith(':') ? prefix.slice(0, -1).trimEnd() : prefix;
  const edge = EDGEOS.exec(clean);
  if (edge !== null) {
    e['rule.ruleset'] = edge[1]!;
    e['rule.id'] = edge[2]!;
    setAction(e, EDGEOS_ACTIONS[edge[3]!]!);
    return;
  }
  e['rule.name'] = clean.startsWith('[') && clean.endsWith(']') ? clean.slice(1, -1).trim() : clean;
  for (const word of clean.match(WORD) ?? []) {
    if (PREFIX_VERDICTS.has(word.toLowerCase())) {
      setAction(e, word);
      return;
    }
  }
}

/** `MAC=` is destination (6 octets), source (6), ethertype and sometimes more. */
function setMacs(e: ReturnType<typeof networkEvent>, value: string): void {
  if (value.length < 35) return;
  const dmac = ecsMac(value.slice(0, 17));
  const smac = ecsMac(value.slice(18, 35));
  if (dmac !== undefined) e['destination.mac'] = dmac;
  if (smac !== undefined) e['source.mac'] = smac;
}
