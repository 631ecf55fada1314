import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { clampScore } from './evidence.ts';
import { destinationName, directionOf } from './net.ts';
import { Prevalence } from './prevalence.ts';
import { DAY, countries, duration, int, ports, severity } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { CountMinSketch } from './sketch/count-min.ts';

/**
 * New destinations: after a learning period, an internal host reaching a country it has never
 * reached, which few of the tenant's hosts ever reach; or anyone reaching an AS the tenant has
 * never talked to, on a port other than everyday web and infrastructure ports.
 *
 * Browsing reaches new networks all day, so novelty alone is noise: a country must also be rare
 * tenant-wide and either a country of concern or reached off the common ports, and a new AS counts
 * only off the common ports. AS history is a Count-Min sketch
 * (bounded whatever the number of ASes; it can only overcount, so a collision may hide a new AS
 * but never invent one).
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    learningMs: duration(0, 90 * DAY),
    /** A country reached by at most this many internal hosts so far is rare for the tenant. */
    rareCountryMaxHosts: int(0, 100_000),
    /** Ports on which a new AS is not reported (web, DNS, NTP...). */
    commonPorts: ports,
    countriesOfConcern: countries,
    severity,
    concernSeverity: severity,
    maxHosts: int(100, 10_000_000),
    /** Countries remembered per host. */
    maxCountriesPerHost: int(1, 300),
    historyTtlMs: duration(DAY, 365 * DAY),
    asnSketchWidth: int(64, 10_000_000),
    asnSketchDepth: int(1, 16),
  })
  .strict();

export type NewDestinationConfig = z.infer<typeof configSchema>;

interface Host {
  readonly firstSeen: number;
  readonly countries: Set<string>;
}

interface State {
  readonly cfg: NewDestinationConfig;
  readonly hosts: BoundedMap<string, Host>;
  readonly countryReach: Prevalence;
  readonly asns: CountMinSketch;
  readonly concern: ReadonlySet<string>;
  readonly common: ReadonlySet<number>;
  tenant: string;
  startedAt: number | undefined;
}

const T1071: Technique = { id: 'T1071', name: 'Application Layer Protocol' };

export const newDestination: Detector<NewDestinationConfig, State> = {
  id: 'new-destination',
  title: 'New destination country or network',
  technique: T1071,
  configSchema,
  route: { all: TRAIT.outbound | TRAIT.source, none: TRAIT.denied },
  createState(cfg) {
    return {
      cfg,
      hosts: new BoundedMap(cfg.maxHosts, cfg.historyTtlMs),
      countryReach: new Prevalence(1000, cfg.historyTtlMs),
      asns: new CountMinSketch(cfg.asnSketchWidth, cfg.asnSketchDepth),
      concern: new Set(cfg.countriesOfConcern),
      common: new Set(cfg.commonPorts),
      tenant: '',
      startedAt: undefined,
    };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    const out: Finding[] = [];
    for (const e of events) {
      const src = e['source.ip'];
      if (src === undefined || e['event.action'] === 'denied' || directionOf(e) !== 'outbound') continue;
      const ts = e['@timestamp'];
      state.startedAt ??= ts;
      const learning = ts < state.startedAt + cfg.learningMs;
      const host = state.hosts.get(src, ts) ?? state.hosts.add(src, ts, { firstSeen: ts, countries: new Set<string>() });
      const hostKnown = ts >= host.firstSeen + cfg.learningMs;
      const country = e['destination.geo.country_iso_code'];
      if (country !== undefined && !host.countries.has(country)) {
        const reach = state.countryReach.hostsReaching(country);
        if (host.countries.size < cfg.maxCountriesPerHost) host.countries.add(country);
        const port = e['destination.port'];
        const offWeb = port !== undefined && !state.common.has(port);
        // Browsing the long tail reaches new countries on web ports all the time: only countries of concern count there.
        if (!learning && hostKnown && reach <= cfg.rareCountryMaxHosts && (offWeb || state.concern.has(country))) {
          out.push(finding(state, e, src, 'country', country, reach, now));
        }
      }
      if (country !== undefined) state.countryReach.observe(src, country, ts);
      const asn = e['destination.as.number'];
      if (asn !== undefined) {
        const seen = state.asns.add(String(asn));
        const port = e['destination.port'];
        if (seen === 0 && !learning && port !== undefined && !state.common.has(port)) out.push(finding(state, e, src, 'asn', `AS${asn}`, 0, now));
      }
    }
    return out;
  },
  evict(state, now) {
    state.hosts.evict(now);
    state.countryReach.evict(now);
  },
};

function finding(state: State, e: VaernEvent, src: string, kind: 'country' | 'asn', what: string, reach: number, now: number): Finding {
  const country = e['destination.geo.country_iso_code'];
  const concern = country !== undefined && state.concern.has(country);
  const ts = e['@timestamp'];
  const dst = destinationName(e) ?? '?';
  const org = e['destination.as.organization.name'];
  const asn = e['destination.as.number'];
  return {
    detector: newDestination.id,
    tenant: state.tenant,
    entity: `${src}>${what}`,
    severity: concern ? state.cfg.concernSeverity : state.cfg.severity,
    score: clampScore((concern ? 55 : 30) + (kind === 'asn' ? 5 : 0) + 10 / (1 + reach)),
    technique: T1071,
    title: kind === 'country' ? `${src} reached ${country} for the first time` : `${src} reached a network new to the tenant (${what})`,
    explanation:
      kind === 'country'
        ? `${src} connected to ${dst}:${e['destination.port'] ?? '?'} in ${country}${asn !== undefined ? ` (AS${asn}${org !== undefined ? ` ${org}` : ''})` : ''} at ${new Date(ts).toISOString()}, ` +
          `a country it had not reached before and that ${reach} internal host(s) have reached since monitoring began.`
        : `${src} connected to ${dst}:${e['destination.port'] ?? '?'} in ${what}${org !== undefined ? ` (${org})` : ''}${country !== undefined ? `, ${country}` : ''} at ${new Date(ts).toISOString()}: ` +
          `no internal host had reached this network before, and the port is not a common one.`,
    evidence: { counts: { internalHostsReachingBefore: reach }, sampleEvents: [e] },
    related: { ip: [src, e['destination.ip']].filter((x): x is string => x !== undefined), hosts: [], users: [] },
    firstSeen: ts,
    lastSeen: ts,
    timestamp: now,
    fields: {
      'source.ip': src,
      ...(country !== undefined ? { 'destination.geo.country_iso_code': country } : {}),
      ...(asn !== undefined ? { 'destination.as.number': asn } : {}),
    },
  };
}

export default register(newDestination);
