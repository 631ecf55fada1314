import type { VaernEvent } from '../src/model/event.ts';
import type { Rng } from './random.ts';
import { DAY, FILE_SERVERS, HOUR, TENANT, conn, deniedInbound, dnsQuery, internalConn, vpnAuth, type Destination, type World } from './world.ts';

/**
 * Injected attacks, each with its label: which detector must raise it, about which entity
 * (matched against the alert's entity, related IPs or related hosts) and when. `also` names
 * detectors whose alerts on the same entity and time are a fair consequence of the attack (an
 * internal SMB sweep is both a port scan and lateral movement) and so are not false alarms.
 *
 * Attacks use jitter, slow rates and noise: beacons with 10-30% jitter and missed check-ins,
 * scans spread over hours, brute force just over the threshold.
 */

export interface Label {
  readonly id: string;
  readonly detector: string;
  readonly match: string;
  readonly from: number;
  readonly to: number;
  readonly also?: readonly string[];
  /** Hostile traffic in the real background (eval/hostile.ts): alerts on it are true, but it does not count towards recall. */
  readonly real?: boolean;
}

export interface Attack {
  readonly label: Label;
  readonly events: VaernEvent[];
}

const vps = (rng: Rng, country: string, port = 443): Destination => ({
  ip: `45.${rng.int(130, 159)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
  domain: undefined,
  asn: 60000 + rng.int(1000, 9000),
  org: 'vps',
  country,
  port,
});

export function buildAttacks(w: World, rng: Rng): Attack[] {
  const d0 = w.start;
  const at = (day: number, hour: number): number => d0 + day * DAY + hour * HOUR + rng.next() * 20 * 60_000;
  const ws = (i: number): string => w.workstations[i]!;
  const attacks: Attack[] = [];
  const add = (label: Omit<Label, 'from' | 'to'>, events: VaernEvent[], also?: string[]): void => {
    const ts = events.map((e) => e['@timestamp']);
    attacks.push({ label: { ...label, from: Math.min(...ts), to: Math.max(...ts), ...(also !== undefined ? { also } : {}) }, events });
  };

  // --- beaconing: four implants, different periods, jitter, sizes and missed check-ins.
  const beacons: [number, number, number, number, number, number][] = [
    // [workstation, start day, start hour, period s, jitter, hours]
    [120, 3, 9, 60, 0.15, 10],
    [121, 3, 20, 300, 0.25, 20],
    [122, 4, 2, 1800, 0.1, 40],
    [123, 4, 12, 600, 0.2, 24],
    [124, 3, 7, 900, 0.45, 30], // heavy jitter: the hard one
  ];
  for (const [i, day, hour, period, jitter, hours] of beacons) {
    const c2 = vps(rng, rng.pick(['NL', 'US', 'DE', 'RU']));
    const events: VaernEvent[] = [];
    const size = rng.int(180, 900);
    for (let ts = at(day, hour), end = ts + hours * HOUR; ts < end; ts += rng.jitter(period, jitter) * 1000) {
      if (rng.chance(0.05)) continue; // missed check-in (laptop asleep, network blip)
      const tasking = rng.chance(0.03);
      events.push(conn(ts, ws(i), c2, tasking ? size * 20 : rng.jitter(size, 0.08), rng.int(200, 400), rng.int(80, 400)));
    }
    add({ id: `beacon-${period}s`, detector: 'beaconing', match: ws(i) }, events, ['new-destination', 'long-connections']);
  }

  // --- port scans: slow internal horizontal sweep, fast vertical, slow external vertical, slow internal vertical.
  {
    const src = ws(200);
    const events: VaernEvent[] = [];
    let ts = at(3, 10);
    for (let k = 0; k < 150; k++, ts += rng.jitter(120_000, 0.5)) {
      events.push(internalConn(ts, src, `10.20.${1 + (k % 3)}.${(k * 37) % 250}`, 445, 60, { 'destination.bytes': 0, 'event.action': rng.chance(0.7) ? 'denied' : 'allowed' }));
    }
    add({ id: 'scan-slow-horizontal-445', detector: 'port-scan', match: src }, events, ['lateral-movement']);
  }
  {
    const src = ws(201);
    const events: VaernEvent[] = [];
    const ts0 = at(4, 14);
    for (let p = 1; p <= 1000; p++) events.push(internalConn(ts0 + p * rng.jitter(120, 0.5), src, FILE_SERVERS[1]!, p, 60, { 'destination.bytes': 0 }));
    add({ id: 'scan-fast-vertical', detector: 'port-scan', match: src }, events, ['lateral-movement']);
  }
  {
    const src = `45.155.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const events: VaernEvent[] = [];
    let ts = at(5, 1);
    for (let p = 0; p < 220; p++, ts += rng.jitter(50_000, 0.6)) events.push(deniedInbound(ts, src, w.publicIps[3]!, 1000 + p * 7, 'RU', 49505));
    add({ id: 'scan-external-slow-vertical', detector: 'port-scan', match: src }, events, ['breach-attempts']);
  }
  {
    const src = ws(202);
    const events: VaernEvent[] = [];
    let ts = at(5, 8);
    for (let p = 0; p < 80; p++, ts += rng.jitter(200_000, 0.4)) events.push(internalConn(ts, src, w.servers[12]!, [21, 22, 23, 25, 80, 135, 139, 443, 445, 1433, 3306, 3389, 5432, 5985, 8080][p % 15]! + Math.floor(p / 15) * 1000, 60, { 'destination.bytes': 0 }));
    add({ id: 'scan-slow-vertical', detector: 'port-scan', match: src }, events, ['lateral-movement']);
  }

  // --- brute force: VPN guessing, spraying, success after failures, slow SSH guessing.
  const attacker = (): string => `${rng.int(100, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  {
    const src = attacker();
    const events: VaernEvent[] = [];
    let ts = at(3, 3);
    for (let k = 0; k < 300; k++, ts += rng.jitter(24_000, 0.7)) events.push(vpnAuth(ts, src, rng.pick(['admin', 'administrator', w.users[5]!]), false, 'CN'));
    add({ id: 'bf-vpn-guessing', detector: 'brute-force', match: src }, events);
  }
  {
    const src = attacker();
    const events: VaernEvent[] = [];
    let ts = at(4, 22);
    for (let k = 0; k < 40; k++, ts += rng.jitter(60_000, 0.8)) events.push(vpnAuth(ts, src, w.users[100 + k]!, false, 'BR'));
    add({ id: 'bf-spraying', detector: 'brute-force', match: src }, events);
  }
  {
    const src = attacker();
    const user = w.users[42]!;
    const events: VaernEvent[] = [];
    let ts = at(5, 4);
    for (let k = 0; k < 30; k++, ts += rng.jitter(20_000, 0.5)) events.push(vpnAuth(ts, src, user, false, 'NL'));
    events.push(vpnAuth(ts + 30_000, src, user, true, 'NL'));
    add({ id: 'bf-success-after-failures', detector: 'brute-force', match: src }, events);
  }
  {
    const src = attacker();
    const events: VaernEvent[] = [];
    let ts = at(3, 18);
    for (let k = 0; k < 120; k++, ts += rng.jitter(40_000, 0.5)) {
      events.push({ ...vpnAuth(ts, src, rng.pick(['root', 'admin', 'ubuntu']), false, 'VN'), 'event.dataset': 'linux.auth', 'destination.ip': w.publicIps[6]!, 'destination.port': 22 });
    }
    add({ id: 'bf-ssh-slow', detector: 'brute-force', match: src }, events);
  }

  // --- long connections: a reverse shell exported in 30-minute flow records, and a 3 h tunnel.
  for (const [i, day, hour, hours] of [[130, 3, 13, 7], [131, 5, 9, 3.2]] as const) {
    const dst = vps(rng, 'US', rng.pick([443, 8443, 4444]));
    const events: VaernEvent[] = [];
    const start = at(day, hour);
    for (let s = start; s < start + hours * HOUR; s += 30 * 60_000) events.push(conn(s + 30 * 60_000, ws(i), dst, rng.lognormal(50_000, 0.5), rng.lognormal(20_000, 0.5), 30 * 60_000));
    add({ id: `long-conn-${hours}h`, detector: 'long-connections', match: ws(i) }, events, ['new-destination', 'beaconing']);
  }

  // --- exfiltration: bulk to a fresh VPS, slow to a country of concern, cloud storage over hours.
  const exfil: [number, number, number, number, number, string][] = [
    // [workstation, day, hour, bytes per hour, hours, country]
    [140, 3, 15, 900e6, 2, 'US'],
    [141, 4, 10, 140e6, 6, 'RU'],
    [142, 5, 13, 400e6, 3, 'NL'],
  ];
  for (const [i, day, hour, perHour, hours, country] of exfil) {
    const dst = vps(rng, country);
    const events: VaernEvent[] = [];
    const start = at(day, hour);
    for (let s = start; s < start + hours * HOUR; s += rng.jitter(120_000, 0.5)) events.push(conn(s, ws(i), dst, rng.jitter(perHour / 30, 0.4), 20_000, 110_000));
    add({ id: `exfil-${country}`, detector: 'exfiltration', match: ws(i) }, events, ['new-destination', 'beaconing', 'long-connections']);
  }

  // --- lateral movement: SMB/WinRM fan-out from a compromised workstation; a handful of new RDP pairs.
  {
    const src = ws(150);
    const events: VaernEvent[] = [];
    let ts = at(4, 9);
    for (let k = 0; k < 15; k++, ts += rng.jitter(160_000, 0.5)) events.push(internalConn(ts, src, w.servers[k + 10]!, rng.pick([445, 5985, 135]), 40_000));
    add({ id: 'lateral-fanout', detector: 'lateral-movement', match: src }, events, ['port-scan']);
  }
  {
    const src = ws(151);
    const events: VaernEvent[] = [];
    let ts = at(5, 11);
    for (let k = 0; k < 5; k++, ts += rng.jitter(600_000, 0.3)) events.push(internalConn(ts, src, w.workstations[300 + k * 9]!, 3389, 500_000));
    add({ id: 'lateral-rdp', detector: 'lateral-movement', match: src }, events);
  }

  // --- DNS tunnels: iodine-like base32, dnscat-like TXT with hex, a slow one.
  const tunnels: [number, number, number, number, string, (r: Rng) => string][] = [
    [160, 3, 11, 600, 'A', (r) => `${r.base32(52)}.${r.base32(20)}`],
    [161, 4, 15, 350, 'TXT', (r) => `${r.hex(60)}`],
    [162, 5, 2, 220, 'A', (r) => `${r.base32(40)}`],
  ];
  for (const [i, day, hour, perHour, type, label] of tunnels) {
    const domain = `${rng.base32(8)}.${rng.pick(['xyz', 'top', 'com'])}`;
    const events: VaernEvent[] = [];
    const start = at(day, hour);
    for (let s = start; s < start + 3 * HOUR; s += rng.jitter(3_600_000 / perHour, 0.8)) events.push(dnsQuery(s, ws(i), `${label(rng)}.t.${domain}`, type));
    add({ id: `dns-tunnel-${type}-${perHour}`, detector: 'dns-tunnelling', match: domain }, events);
  }

  // --- threat-intel hits: allowed outbound to listed addresses (the enricher sets the match).
  for (const [i, day, hour] of [[170, 3, 10], [171, 4, 16], [172, 5, 9]] as const) {
    const dst = vps(rng, 'NL');
    const events = [0, 1, 2].map((k) => ({
      ...conn(at(day, hour) + k * 240_000, ws(i), dst, 1200, 5000, 900),
      'threat.indicator.matched.atomic': dst.ip,
      'threat.indicator.matched.field': 'destination.ip',
      'threat.indicator.provider': 'eval-feed',
      'threat.indicator.confidence': 'High',
    }));
    add({ id: `intel-${i}`, detector: 'intel-hit', match: ws(i) }, events, ['new-destination']);
  }

  // --- Suricata alerts (as the EVE decoder will set them).
  const ids: [number, number, string, string, number, string, boolean][] = [
    [3, 14, '2024217', 'ET EXPLOIT Possible Log4j RCE attempt', 1, w.publicIps[1]!, true],
    [4, 11, '2027758', 'ET TROJAN Cobalt Strike beacon observed', 1, ws(180), false],
    [5, 15, '2013028', 'ET POLICY curl User-Agent outbound', 3, ws(181), false],
  ];
  for (const [day, hour, rule, name, sev, internal, inbound] of ids) {
    const ext = `${rng.int(100, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const events: VaernEvent[] = [
      {
        '@timestamp': Math.round(at(day, hour)),
        'vaern.tenant': TENANT,
        'event.kind': 'alert',
        'event.category': ['intrusion_detection'],
        'event.action': 'allowed',
        'event.severity': sev,
        'rule.id': rule,
        'rule.name': name,
        'source.ip': inbound ? ext : internal,
        'destination.ip': inbound ? internal : ext,
        'destination.port': 443,
        'network.direction': inbound ? 'inbound' : 'outbound',
        'observer.product': 'suricata',
      },
    ];
    add({ id: `suricata-${rule}`, detector: 'suricata-alert', match: internal }, events);
  }

  // --- breach attempts: spikes from a country of concern, one hosting AS, and a busy country.
  const spikes: [number, number, string, number, number][] = [
    [3, 20, 'RU', 900, 40],
    [4, 4, 'IR', 500, 20],
    [5, 12, 'US', 4000, 400],
  ];
  for (const [day, hour, country, count, sources] of spikes) {
    const asn = 200000 + rng.int(0, 999);
    const srcs = Array.from({ length: sources }, () => `${rng.int(5, 95)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`);
    const start = at(day, hour);
    const events: VaernEvent[] = [];
    for (let k = 0; k < count; k++) events.push(deniedInbound(start + rng.next() * 50 * 60_000, rng.pick(srcs), rng.pick(w.publicIps), rng.pick([443, 10443, 22, 3389]), country, asn));
    events.sort((a, b) => a['@timestamp'] - b['@timestamp']);
    add({ id: `breach-${country}`, detector: 'breach-attempts', match: country }, events, ['port-scan']);
    // The same spike seen per AS is the same attack.
    attacks.push({ label: { id: `breach-${country}-as`, detector: 'breach-attempts', match: `AS${asn}`, from: events[0]!['@timestamp'], to: events[events.length - 1]!['@timestamp'], also: ['port-scan'] }, events: [] });
  }

  // --- new destinations: a host talking to a country of concern, and to a new network off the web ports.
  {
    const dst: Destination = { ip: '175.45.176.10', domain: undefined, asn: 131279, org: 'Star JV', country: 'KP', port: 443 };
    const events = [conn(at(4, 13), ws(190), dst, 2000, 30000, 4000)];
    add({ id: 'newdest-kp', detector: 'new-destination', match: ws(190) }, events);
  }
  {
    const dst = vps(rng, 'DE', 4444);
    const events = [conn(at(5, 10), ws(191), dst, 5000, 90000, 15000), conn(at(5, 10) + 60_000, ws(191), dst, 4000, 80000, 15000)];
    add({ id: 'newdest-asn-4444', detector: 'new-destination', match: ws(191) }, events);
  }
  return attacks;
}
