import type { SimConnection } from './scenario.ts';

/**
 * Vendor log lines for simulated connections, as the real devices write them, with the syslog
 * header each device's default configuration uses.
 */

const PROTO = { tcp: 6, udp: 17 } as const;

/**
 * pfSense/OPNsense `filterlog`, RFC 5424 header (pfSense 2.6+ default). CSV layout per the
 * pfSense "Filter Log Format": rule, subrule, anchor, tracker, interface, reason, action,
 * direction, ipversion, then IPv4 tos, ecn, ttl, id, offset, flags, protoid, proto, length,
 * src, dst, then srcport, dstport, datalen (+ tcp flags, seq, ack, window, urg, options for TCP).
 */
export function filterlogLine(c: SimConnection, host: string): string {
  const iface = c.direction === 'in' ? 'igb0' : 'igb1';
  const rule = c.action === 'block' ? '5,,,1000000103' : c.direction === 'in' ? '12,,,1700000001' : '61,,,1770008911';
  const ip = `4,0x0,,${c.direction === 'in' ? 241 : 64},${(c.at & 0xffff) || 1},0,${c.transport === 'tcp' ? 'DF' : 'none'},${PROTO[c.transport]},${c.transport},${c.length},${c.src},${c.dst}`;
  const l4 =
    c.transport === 'tcp'
      ? `${c.srcPort},${c.dstPort},0,S,${(c.at * 7919) >>> 0},,64240,,mss;sackOK;TS;nop;wscale`
      : `${c.srcPort},${c.dstPort},${Math.max(0, c.length - 28)}`;
  const csv = `${rule},${iface},match,${c.action},${c.direction},${ip},${l4}`;
  return `<134>1 ${new Date(c.at).toISOString()} ${host} filterlog ${1000 + (c.at % 50000)} - - ${csv}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 3164 timestamp (`Nov 23 08:00:00`, day space-padded) in UTC. */
function bsdTime(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Linux netfilter LOG target through UFW, as rsyslog forwards kernel messages (RFC 3164). */
export function iptablesLine(c: SimConnection, host: string): string {
  const prefix = c.action === 'block' ? '[UFW BLOCK]' : '[UFW ALLOW]';
  const ifaces = c.direction === 'in' ? (c.action === 'block' ? 'IN=eth0 OUT=' : 'IN=eth0 OUT=eth1') : 'IN=eth1 OUT=eth0';
  const mac = c.direction === 'in' && c.action === 'block' ? ' MAC=00:16:3e:5a:10:01:00:1c:73:00:00:99:08:00' : '';
  const uptime = ((c.at / 1000) % 10_000_000).toFixed(6).padStart(14, ' ');
  const l4 =
    c.transport === 'tcp'
      ? `PROTO=TCP SPT=${c.srcPort} DPT=${c.dstPort} WINDOW=64240 RES=0x00 SYN URGP=0`
      : `PROTO=UDP SPT=${c.srcPort} DPT=${c.dstPort} LEN=${Math.max(8, c.length - 20)}`;
  const msg = `${prefix} ${ifaces}${mac} SRC=${c.src} DST=${c.dst} LEN=${c.length} TOS=0x00 PREC=0x00 TTL=${c.direction === 'in' ? 241 : 63} ID=${(c.at & 0xffff) || 1} ${c.transport === 'tcp' ? 'DF ' : ''}${l4}`;
  return `<4>${bsdTime(c.at)} ${host} kernel: [${uptime}] ${msg}`;
}

export function formatLine(c: SimConnection): string {
  return c.sensor.format === 'filterlog' ? filterlogLine(c, c.sensor.name) : iptablesLine(c, c.sensor.name);
}
