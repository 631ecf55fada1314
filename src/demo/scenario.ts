import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Random, Weighted } from './random.ts';
import type { AttackerPool } from './attacker-pool.ts';

/**
 * The simulated municipalities' traffic, as abstract connections in time. Formatting into vendor
 * log lines (format.ts) and sending (sender.ts) are separate, so the same scenario drives every
 * firewall format.
 */

const Cidr = z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
const Transport = z.enum(['tcp', 'udp']);
const ScenarioFile = z
  .object({
    countryWeights: z.record(z.string().length(2), z.number().positive()),
    scanPorts: z.array(z.object({ port: z.number().int(), transport: Transport, weight: z.number().positive() }).strict()),
    outbound: z.array(z.object({ cidr: Cidr, port: z.number().int(), transport: Transport, weight: z.number().positive() }).strict()),
    tenants: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          country: z.enum(['DK', 'NO']),
          networks: z.array(Cidr),
          internalCidr: Cidr,
          hosts: z.number().int().positive(),
          publicCidr: Cidr,
          services: z.array(z.object({ ip: z.string(), port: z.number().int(), transport: Transport }).strict()),
          sensors: z.array(
            z
              .object({ name: z.string(), format: z.enum(['filterlog', 'iptables']), address: Cidr, transport: Transport, share: z.number().min(0).max(1) })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type ScenarioFile = z.infer<typeof ScenarioFile>;
export type SimTenant = ScenarioFile['tenants'][number];
export type SimSensor = SimTenant['sensors'][number];

export function loadScenario(path = new URL('./municipalities.yaml', import.meta.url)): ScenarioFile {
  return ScenarioFile.parse(parseYaml(readFileSync(path, 'utf8')));
}

/** One connection attempt as a firewall would log it. */
export interface SimConnection {
  readonly at: number;
  readonly tenant: string;
  readonly sensor: SimSensor;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly transport: 'tcp' | 'udp';
  readonly action: 'pass' | 'block';
  /** Seen arriving on the outside interface (`in`) or leaving towards the internet (`out`). */
  readonly direction: 'in' | 'out';
  /** Bytes of the first packet, for formats that log a length. */
  readonly length: number;
}

/** Per tenant, events per second at noon on a working day (the diurnal curve scales it). */
export interface ScenarioRates {
  readonly inboundDeniesPerSecond: number;
  readonly outboundPerSecond: number;
  readonly servicesPerSecond: number;
}

export const DEFAULT_RATES: ScenarioRates = { inboundDeniesPerSecond: 1.5, outboundPerSecond: 0.8, servicesPerSecond: 0.2 };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Relative activity of municipal clients by hour of day (office hours peak; scanners don't sleep). */
const DIURNAL = [0.1, 0.08, 0.06, 0.06, 0.08, 0.15, 0.35, 0.7, 1, 1, 0.95, 0.9, 0.85, 0.95, 1, 0.95, 0.75, 0.45, 0.3, 0.25, 0.2, 0.18, 0.15, 0.12];

export class Scenario {
  private readonly rng: Random;
  private readonly scanPorts: Weighted<ScenarioFile['scanPorts'][number]>;
  private readonly outbound: Weighted<ScenarioFile['outbound'][number]>;
  private readonly file: ScenarioFile;
  private readonly pool: AttackerPool;
  private readonly rates: ScenarioRates;
  private readonly anchor: number | undefined;

  constructor(file: ScenarioFile, pool: AttackerPool, opts: { seed: number; rates?: ScenarioRates; anchor?: number }) {
    this.file = file;
    this.anchor = opts.anchor;
    this.pool = pool;
    this.rng = new Random(opts.seed);
    this.rates = opts.rates ?? DEFAULT_RATES;
    this.scanPorts = new Weighted(file.scanPorts, file.scanPorts.map((p) => p.weight));
    this.outbound = new Weighted(file.outbound, file.outbound.map((p) => p.weight));
  }

  /** All connections in [from, to), in time order: background traffic plus the attacks. */
  between(from: number, to: number): SimConnection[] {
    const out: SimConnection[] = [];
    for (const t of this.file.tenants) {
      this.background(t, from, to, out);
      this.attacks(t, from, to, out);
    }
    return out.sort((a, b) => a.at - b.at);
  }

  private background(t: SimTenant, from: number, to: number, out: SimConnection[]): void {
    const sensors = new Weighted(t.sensors, t.sensors.map((s) => s.share));
    const poisson = (perSecond: number, diurnal: boolean, make: (at: number) => SimConnection): void => {
      if (perSecond <= 0) return;
      for (let at = from + this.rng.exp(1000 / perSecond); at < to; at += this.rng.exp(1000 / perSecond)) {
        if (diurnal && this.rng.next() > DIURNAL[new Date(at).getUTCHours()]!) continue;
        out.push(make(Math.floor(at)));
      }
    };
    poisson(this.rates.inboundDeniesPerSecond, false, (at) => {
      const p = this.scanPorts.pick(this.rng);
      return this.conn(at, t, sensors.pick(this.rng), this.pool.pick(this.rng), randomIn(t.publicCidr, this.rng), p.port, p.transport, 'block', 'in');
    });
    poisson(this.rates.servicesPerSecond, true, (at) => {
      const s = this.rng.pick(t.services);
      return this.conn(at, t, sensors.pick(this.rng), this.pool.pick(this.rng), s.ip, s.port, s.transport, 'pass', 'in');
    });
    poisson(this.rates.outboundPerSecond, true, (at) => {
      const d = this.outbound.pick(this.rng);
      return this.conn(at, t, sensors.pick(this.rng), this.internalHost(t), randomIn(d.cidr, this.rng), d.port, d.transport, 'pass', 'out');
    });
  }

  /**
   * A few attacks a day, on a fixed schedule relative to UTC midnight: a vertical port scan at
   * 03:10, SMB fan-out from one internal host at 10:20, a burst from a country of concern at
   * 13:00, and a C2 beacon all day. With an `anchor` (the demo's start), the scan, fan-out and
   * burst also happen once in the half hour before it, so a new demo shows alerts at once
   * whatever the time of day.
   */
  private attacks(t: SimTenant, from: number, to: number, out: SimConnection[]): void {
    const rng = new Random(hash(t.id));
    const scanner = this.pool.pickFrom('RU', rng) ?? this.pool.pick(rng);
    const burst = this.pool.pickFrom('BY', rng) ?? this.pool.pick(rng);
    const c2 = this.pool.pickFrom('HK', rng) ?? this.pool.pick(rng);
    const beaconHost = this.internalHost(t, rng);
    const lateralHost = this.internalHost(t, rng);
    const fw = t.sensors[0]!;
    const wan = firstHost(t.publicCidr);
    const within = (at: number): boolean => at >= from && at < to;
    const episodes = (dailyAt: number, beforeAnchor: number): number[] => {
      const starts: number[] = [];
      for (let d = Math.floor((from - DAY) / DAY) * DAY; d < to; d += DAY) starts.push(d + dailyAt);
      if (this.anchor !== undefined) starts.push(this.anchor - beforeAnchor);
      return starts;
    };
    // Vertical scan: 1,024 ports of the firewall's outside address in ~4 minutes.
    for (const base of episodes(3 * HOUR + 10 * MINUTE, 30 * MINUTE)) {
      for (let i = 0; i < 1024; i++) {
        const at = base + i * 240;
        if (within(at)) out.push(this.conn(at, t, fw, scanner, wan, i + 1, 'tcp', 'block', 'in'));
      }
    }
    // Lateral movement: SMB to 60 internal hosts within 2 minutes.
    for (const base of episodes(10 * HOUR + 20 * MINUTE, 20 * MINUTE)) {
      for (let i = 0; i < 60; i++) {
        const at = base + i * 2000;
        if (within(at)) out.push(this.conn(at, t, fw, lateralHost, this.internalHost(t, rng), 445, 'tcp', 'pass', 'out'));
      }
    }
    // Burst: 600 denies on RDP/SSH from one source in a country of concern, over 10 minutes.
    for (const base of episodes(13 * HOUR, 15 * MINUTE)) {
      for (let i = 0; i < 600; i++) {
        const at = base + i * 1000;
        if (within(at)) out.push(this.conn(at, t, fw, burst, randomIn(t.publicCidr, rng), i % 2 === 0 ? 3389 : 22, 'tcp', 'block', 'in'));
      }
    }
    // Beacon: every 60 s +-3 s, all day, to the same address on 443.
    for (let d = Math.floor(from / DAY) * DAY; d < to; d += DAY) {
      for (let at = d + 30_000; at < d + DAY; at += 60_000) {
        const jittered = at + Math.floor((rng.next() - 0.5) * 6000);
        if (within(jittered)) out.push(this.conn(jittered, t, fw, beaconHost, c2, 443, 'tcp', 'pass', 'out', 320));
      }
    }
  }

  private internalHost(t: SimTenant, rng: Random = this.rng): string {
    const base = firstHost(t.internalCidr).split('.').map(Number);
    const n = 10 + rng.int(t.hosts);
    return `${base[0]}.${base[1]}.${(n >> 8) & 255}.${n & 255 || 1}`;
  }

  private conn(
    at: number,
    t: SimTenant,
    sensor: SimSensor,
    src: string,
    dst: string,
    dstPort: number,
    transport: 'tcp' | 'udp',
    action: 'pass' | 'block',
    direction: 'in' | 'out',
    length?: number,
  ): SimConnection {
    return {
      at,
      tenant: t.id,
      sensor,
      src,
      srcPort: 1024 + this.rng.int(64_000),
      dst,
      dstPort,
      transport,
      action,
      direction,
      length: length ?? (transport === 'tcp' ? 40 + 4 * this.rng.int(6) : 28 + this.rng.int(200)),
    };
  }
}

function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** A host address inside a CIDR, avoiding the network and broadcast addresses. */
export function randomIn(cidr: string, rng: Random): string {
  const [ip, bits] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bits));
  const base = ipToInt(ip) & ~(size - 1);
  return intToIp((base + 1 + rng.int(Math.max(1, size - 2))) >>> 0);
}

function firstHost(cidr: string): string {
  const [ip] = cidr.split('/') as [string];
  return intToIp((ipToInt(ip) + 1) >>> 0);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
