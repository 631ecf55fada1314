import type { VaernEvent } from '../src/model/event.ts';
import type { Rng } from './random.ts';

/**
 * A synthetic municipality: a few hundred workstations and a few dozen servers, office hours with
 * a diurnal curve and quiet weekends, popular cloud destinations (Zipf), a long tail of web
 * sites, benign periodic traffic that looks like beacons (NTP, update and anti-virus check-ins,
 * a monitoring agent), admin servers that fan out by design (SCCM, monitoring, backup), VPN users
 * who mistype passwords, cloud uploads, nightly backups, and internet background radiation
 * knocking on the firewall. Events carry what the enricher would set (direction, geo, AS).
 */

export const TENANT = 'eval-kommune';
/** The tenant's own networks: the synthetic municipality (10.20/16, public 195.184.50/24) and the replayed corpora (eval/background.ts). */
export const TENANT_NETWORKS = ['10.20.0.0/16', '10.21.0.0/16', '10.22.0.0/16', '10.23.0.0/16', '10.24.0.0/16', '195.184.50.0/24'];
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Destination {
  readonly ip: string;
  readonly domain: string | undefined;
  readonly asn: number;
  readonly org: string;
  readonly country: string;
  readonly port: number;
}

export interface World {
  readonly start: number;
  readonly workstations: readonly string[];
  readonly servers: readonly string[];
  readonly publicIps: readonly string[];
  readonly popular: readonly Destination[];
  readonly zipf: Float64Array;
  readonly users: readonly string[];
  readonly internalHosts: number;
}

const COMMON_COUNTRIES = ['DK', 'DK', 'DK', 'NO', 'SE', 'DE', 'DE', 'NL', 'NL', 'IE', 'US', 'US', 'US', 'GB', 'FI', 'FR'];
const TAIL_COUNTRIES = [...COMMON_COUNTRIES, 'PL', 'CH', 'ES', 'IT', 'CA', 'JP', 'SG', 'BR', 'AU', 'CN', 'AT', 'BE', 'CZ'];
export const DC = '10.20.10.1';
export const FILE_SERVERS = ['10.20.10.3', '10.20.10.4'];
export const RESOLVER = '10.20.10.9';
export const SCCM = '10.20.10.6';
export const MONITOR = '10.20.10.7';
export const JUMP = '10.20.10.8';
export const BACKUP = '10.20.10.10';
export const VPN_GW = '195.184.50.2';
export const BMS = '10.20.10.30';

export function buildWorld(rng: Rng, start: number, workstations = 560, servers = 40): World {
  const ws: string[] = [];
  for (let i = 0; i < workstations; i++) ws.push(`10.20.${1 + Math.floor(i / 250)}.${10 + (i % 250)}`);
  const sv: string[] = [];
  for (let i = 1; i <= servers; i++) sv.push(`10.20.10.${i}`);
  const popular: Destination[] = [];
  for (let i = 0; i < 400; i++) {
    const country = rng.pick(COMMON_COUNTRIES);
    popular.push({
      ip: `${rng.int(20, 60)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      domain: `svc${i}.${rng.pick(['microsoft.com', 'office.net', 'googleapis.com', 'akamaiedge.net', 'cloudfront.net', 'dr.dk', 'borger.dk', 'kmd.dk', 'nrk.no', 'example-saas.com'])}`,
      asn: rng.pick([8075, 15169, 16509, 20940, 13335, 3292, 2119, 8068, 54113, 197288]),
      org: 'popular',
      country,
      port: rng.chance(0.9) ? 443 : rng.pick([80, 5228, 8443]),
    });
  }
  const zipf = new Float64Array(popular.length);
  let acc = 0;
  for (let i = 0; i < popular.length; i++) {
    acc += 1 / (i + 1);
    zipf[i] = acc;
  }
  for (let i = 0; i < zipf.length; i++) zipf[i]! /= acc;
  const users: string[] = [];
  for (let i = 0; i < 700; i++) users.push(`u${String(i).padStart(4, '0')}`);
  return { start, workstations: ws, servers: sv, publicIps: Array.from({ length: 14 }, (_, i) => `195.184.50.${i + 1}`), popular, zipf, users, internalHosts: workstations + servers };
}

/** Office-hours activity 0..1 for an hour of the week (weekends quiet, lunch dip). */
export function activity(ts: number): number {
  const d = new Date(ts);
  const h = d.getUTCHours() + 1; // CET
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const base = h >= 7 && h < 17 ? (h === 12 ? 0.7 : 1) : h >= 17 && h < 22 ? 0.15 : 0.03;
  return weekend ? base * 0.1 : base;
}

function pickPopular(w: World, rng: Rng): Destination {
  const u = rng.next();
  let lo = 0;
  let hi = w.zipf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.zipf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return w.popular[lo]!;
}

export function tailDestination(rng: Rng): Destination {
  return {
    ip: `${rng.int(61, 220)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    domain: `site${rng.int(0, 200000)}.${rng.pick(['com', 'dk', 'no', 'de', 'net', 'org', 'io'])}`,
    asn: rng.int(1000, 60000),
    org: 'tail',
    country: rng.pick(TAIL_COUNTRIES),
    port: rng.chance(0.85) ? 443 : 80,
  };
}

/** One outbound connection record, as a firewall or flow exporter would log it at close. */
export function conn(ts: number, src: string, d: Destination, bytesOut: number, bytesIn: number, durationMs: number, extra: Partial<VaernEvent> = {}): VaernEvent {
  return {
    '@timestamp': Math.round(ts),
    'vaern.tenant': TENANT,
    'event.kind': 'event',
    'event.category': ['network'],
    'event.action': 'allowed',
    'source.ip': src,
    'source.port': 49152 + (Math.round(ts) % 16000),
    'destination.ip': d.ip,
    'destination.port': d.port,
    ...(d.domain !== undefined ? { 'destination.domain': d.domain } : {}),
    'destination.geo.country_iso_code': d.country,
    'destination.as.number': d.asn,
    'network.transport': d.port === 123 || d.port === 53 ? 'udp' : 'tcp',
    'network.direction': 'outbound',
    'source.bytes': Math.max(40, Math.round(bytesOut)),
    'destination.bytes': Math.max(0, Math.round(bytesIn)),
    'event.duration': Math.round(Math.max(1, durationMs) * 1e6),
    ...extra,
  };
}

export function internalConn(ts: number, src: string, dst: string, port: number, bytes: number, extra: Partial<VaernEvent> = {}): VaernEvent {
  return {
    '@timestamp': Math.round(ts),
    'vaern.tenant': TENANT,
    'event.kind': 'event',
    'event.category': ['network'],
    'event.action': 'allowed',
    'source.ip': src,
    'destination.ip': dst,
    'destination.port': port,
    'network.transport': 'tcp',
    'network.direction': 'internal',
    'source.bytes': Math.round(bytes),
    'destination.bytes': Math.round(bytes * 3),
    ...extra,
  };
}

export function dnsQuery(ts: number, src: string, name: string, type = 'A'): VaernEvent {
  return {
    '@timestamp': Math.round(ts),
    'vaern.tenant': TENANT,
    'event.kind': 'event',
    'event.category': ['network'],
    'source.ip': src,
    'destination.ip': RESOLVER,
    'destination.port': 53,
    'network.transport': 'udp',
    'network.protocol': 'dns',
    'network.direction': 'internal',
    'dns.question.name': name,
    'dns.question.type': type,
  };
}

export function deniedInbound(ts: number, src: string, dst: string, port: number, country: string, asn: number): VaernEvent {
  return {
    '@timestamp': Math.round(ts),
    'vaern.tenant': TENANT,
    'event.kind': 'event',
    'event.category': ['network'],
    'event.action': 'denied',
    'source.ip': src,
    'destination.ip': dst,
    'destination.port': port,
    'source.geo.country_iso_code': country,
    'source.as.number': asn,
    'network.transport': 'tcp',
    'network.direction': 'inbound',
  };
}

export function vpnAuth(ts: number, src: string, user: string, ok: boolean, country = 'DK'): VaernEvent {
  return {
    '@timestamp': Math.round(ts),
    'vaern.tenant': TENANT,
    'event.kind': 'event',
    'event.category': ['authentication'],
    'event.action': ok ? 'logged-in' : 'login-failed',
    'event.outcome': ok ? 'success' : 'failure',
    'event.dataset': 'fortigate.vpn',
    'source.ip': src,
    'source.geo.country_iso_code': country,
    'destination.ip': VPN_GW,
    'destination.port': 443,
    'user.name': user,
    'network.direction': 'inbound',
  };
}

const NOISE_COUNTRIES: [string, number][] = [['US', 30], ['CN', 18], ['RU', 8], ['NL', 10], ['DE', 8], ['BR', 5], ['IN', 5], ['VN', 4], ['GB', 4], ['KR', 3], ['IR', 2], ['BG', 3]];
const NOISE_PORTS = [22, 23, 80, 443, 445, 3389, 8080, 5900, 1433, 3306, 6379, 8443, 25, 21];

/** All background events of one hour, unsorted. */
export function backgroundHour(w: World, rng: Rng, hourStart: number): VaernEvent[] {
  const out: VaernEvent[] = [];
  const act = activity(hourStart);
  const t = (): number => hourStart + rng.next() * HOUR;

  // Browsing and SaaS: workstations, by activity.
  for (const ws of w.workstations) {
    const n = rng.poisson(22 * act);
    for (let i = 0; i < n; i++) {
      const ts = t();
      const tail = rng.chance(0.06);
      const d = tail ? tailDestination(rng) : pickPopular(w, rng);
      out.push(conn(ts, ws, d, rng.lognormal(2500, 1.2), rng.lognormal(40000, 1.6), rng.lognormal(8000, 1.5)));
      if (rng.chance(0.25) && d.domain !== undefined) out.push(dnsQuery(ts - 20, ws, d.domain));
    }
    // Uploads to the tenant's cloud (OneDrive/SharePoint: popular), now and then large.
    if (act > 0.5 && rng.chance(0.004)) out.push(conn(t(), ws, w.popular[0]!, rng.lognormal(150e6, 0.8), 5e5, rng.lognormal(600000, 0.5)));
    // Teams/M365 sessions held open for hours (popular, so long-connections must not fire).
    if (act > 0.5 && rng.chance(0.08)) out.push(conn(t(), ws, w.popular[1]!, 2e6, 8e6, rng.lognormal(2.5 * HOUR, 0.4)));
    // File servers and the domain controller.
    const m = rng.poisson(6 * act);
    for (let i = 0; i < m; i++) out.push(internalConn(t(), ws, rng.pick(FILE_SERVERS), 445, rng.lognormal(20000, 1.5)));
    if (rng.chance(0.5 * act + 0.05)) out.push(internalConn(t(), ws, DC, rng.pick([88, 389, 445, 135]), 3000));
    // Anti-virus cloud lookups: hashed names under one domain, from every machine.
    if (rng.chance(0.6 * act + 0.05)) out.push(dnsQuery(t(), ws, `${rng.hex(32)}.${rng.hex(8)}.sophosxl.net`));
  }

  // Periodic but benign, from every machine: NTP, update and AV check-ins (popular destinations).
  const ntp: Destination = { ip: '194.239.123.1', domain: 'dk.pool.ntp.org', asn: 3292, org: 'ntp', country: 'DK', port: 123 };
  const upd: Destination = { ip: '23.55.1.10', domain: 'ctldl.windowsupdate.com', asn: 20940, org: 'update', country: 'NL', port: 80 };
  const av: Destination = { ip: '34.120.5.5', domain: 'cloud.sophos.com', asn: 15169, org: 'av', country: 'IE', port: 443 };
  for (const h of [...w.workstations, ...w.servers]) {
    const phase = (parseInt(h.split('.')[3]!, 10) * 7919) % 1024;
    for (let s = phase; s < 3600; s += 1024) out.push(conn(hourStart + s * 1000 + rng.next() * 200, h, ntp, 76, 76, 10));
    out.push(conn(hourStart + ((phase * 3) % 3600) * 1000 + rng.jitter(1, 0.1) * 60000, h, upd, rng.lognormal(900, 0.05), 3000, 400));
    for (let s = phase % 900; s < 3600; s += 900) out.push(conn(hourStart + s * 1000 + rng.next() * 5000, h, av, 1200 + rng.int(-10, 10), 800, 300));
  }
  // One monitoring-agent-to-SaaS pair from two servers: rare destination, periodic with jitter and varied payloads.
  const saas: Destination = { ip: '52.29.81.7', domain: 'ingest.monitoring-saas.example', asn: 16509, org: 'saas', country: 'DE', port: 443 };
  for (const h of ['10.20.10.20', '10.20.10.21']) for (let s = 0; s < 3600; s += rng.jitter(300, 0.6)) out.push(conn(hourStart + s * 1000, h, saas, rng.lognormal(4000, 0.9), 600, 200));

  // A building-management controller checks in with its vendor's cloud like clockwork: a perfect
  // beacon that is benign. The eval site suppresses it by rule (eval/run.ts), as a SOC would.
  const bms: Destination = { ip: '18.197.40.12', domain: undefined, asn: 16509, org: 'bms', country: 'DE', port: 8883 };
  for (let s = 37; s < 3600; s += 600) out.push(conn(hourStart + s * 1000 + rng.next() * 3000, BMS, bms, 512, 256, 900));

  // Servers: nightly backup to a cloud provider (rare destination, huge volume, every night).
  const hourOfDay = new Date(hourStart).getUTCHours();
  if (hourOfDay === 1 || hourOfDay === 2) {
    const bk: Destination = { ip: '185.30.4.4', domain: 'vault.backup-provider.example', asn: 60781, org: 'backup', country: 'NL', port: 443 };
    for (let i = 0; i < 20; i++) out.push(conn(t(), BACKUP, bk, rng.lognormal(120e6, 0.2), 1e5, 170000));
  }
  // SCCM inventory and patching over SMB/RPC to every workstation, 03:00 each night.
  if (hourOfDay === 2) for (const ws of w.workstations) for (const port of [135, 445]) out.push(internalConn(t(), SCCM, ws, port, 50000));
  // Monitoring polls servers (SNMP, SSH, WinRM) all day.
  for (const sv of w.servers) if (sv !== MONITOR) for (const p of [161, 22, 5985]) out.push(internalConn(t(), MONITOR, sv, p, 800));
  // Admin jump host to servers (RDP/WinRM), by activity; helpdesk RDP to a few workstations.
  for (let i = rng.poisson(8 * act); i > 0; i--) out.push(internalConn(t(), JUMP, rng.pick(w.servers), rng.pick([3389, 5985, 22]), 90000));
  for (const hd of [w.workstations[0]!, w.workstations[1]!]) for (let i = rng.poisson(1.2 * act); i > 0; i--) out.push(internalConn(t(), hd, rng.pick(w.workstations), 3389, 300000));

  // VPN: remote workers log in (a few mistype), and slow internet guessers below any threshold.
  for (let i = rng.poisson(25 * act + 1); i > 0; i--) {
    const ts = t();
    const src = `${rng.int(80, 95)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const user = rng.pick(w.users);
    for (let f = rng.chance(0.15) ? rng.int(1, 3) : 0; f > 0; f--) out.push(vpnAuth(ts - f * 15000, src, user, false));
    out.push(vpnAuth(ts, src, user, true));
  }
  for (let i = rng.poisson(3); i > 0; i--) {
    const src = `${rng.int(100, 200)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    for (let f = rng.int(1, 6); f > 0; f--) out.push(vpnAuth(t(), src, rng.pick(['admin', 'test', 'vpn', rng.pick(w.users)]), false, 'US'));
  }

  // Internet background radiation on the public addresses: denied, 1-3 ports per source.
  const noise = rng.poisson(1800 * (0.85 + 0.3 * rng.next()));
  for (let i = 0; i < noise; ) {
    let r = rng.next() * 100;
    let country = 'US';
    for (const [c, wgt] of NOISE_COUNTRIES) {
      if ((r -= wgt) <= 0) {
        country = c;
        break;
      }
    }
    const src = `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const asn = 4000 + rng.int(0, 3000);
    const ts = t();
    for (let k = rng.int(1, 3); k > 0; k--, i++) out.push(deniedInbound(ts + k * 400, src, rng.pick(w.publicIps), rng.pick(NOISE_PORTS), country, asn));
  }
  return out;
}
