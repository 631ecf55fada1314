import { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Severity, Technique } from './alert.ts';
import { TRAIT, batchTenant, register, type Detector } from './detector.ts';
import { CappedSet, Samples, TopCounts, clampScore, span } from './evidence.ts';
import { duration, int, severity } from './schema.ts';
import { BoundedMap } from './sketch/bounded-map.ts';
import { hashString } from './sketch/hash.ts';
import { WindowDistinct, WindowSum } from './window.ts';

/**
 * Failed logins against remote access and admin surfaces: SSL-VPN (FortiGate, GlobalProtect,
 * Cisco ASA), SSH, RDP, mail, and admin consoles.
 *
 * - guessing (T1110.001): many failures from one source within the window;
 * - spraying (T1110.003): one source failing against many distinct accounts;
 * - success after failures (T1110): a source, or an account, that failed many times and then
 *   logged in. This is the one that matters, so it is high severity.
 *
 * Reads `event.category` containing `authentication` (or the auth actions `login-failed` /
 * `logged-in`) and `event.outcome` `failure` / `success`.
 */

const configSchema = z
  .object({
    enabled: z.boolean(),
    windowMs: duration(60_000, 7 * 86_400_000),
    /** Failures from one source within the window. */
    failures: int(2, 1_000_000),
    /** Distinct accounts failed from one source within the window. */
    sprayUsers: int(2, 100_000),
    /** Failures (by the source or against the account) that make a later success suspicious. */
    successAfterFailures: int(1, 1_000_000),
    guessingSeverity: severity,
    sprayingSeverity: severity,
    successSeverity: severity,
    maxKeys: int(100, 50_000_000),
    exactLimit: int(1, 1024),
    sketchPrecision: int(4, 16),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.successAfterFailures > c.failures) {
      ctx.addIssue({ code: 'custom', path: ['successAfterFailures'], message: 'must not exceed failures' });
    }
  });

export type BruteForceConfig = z.infer<typeof configSchema>;

interface SourceState {
  readonly failures: WindowSum;
  readonly users: WindowDistinct;
  first: number;
  last: number;
  reportedFailures: number;
  reportedUsers: number;
  /** Evidence, from the second failure on: most sources fail once, and memory is per source. */
  detail: Detail | undefined;
  /** The first failure's account and target (strings the event already holds: no allocation). */
  readonly firstUser: string | undefined;
  readonly firstTarget: string | undefined;
}

interface Detail {
  readonly userNames: CappedSet;
  readonly services: TopCounts;
  readonly targets: CappedSet;
  readonly samples: Samples;
}

function newDetail(s: SourceState): Detail {
  const d = { userNames: new CappedSet(20), services: new TopCounts(8), targets: new CappedSet(10), samples: new Samples() };
  d.userNames.add(s.firstUser);
  d.targets.add(s.firstTarget);
  return d;
}

interface UserState {
  readonly failures: WindowSum;
  readonly sources: CappedSet;
}

interface State {
  readonly cfg: BruteForceConfig;
  readonly sources: BoundedMap<string, SourceState>;
  readonly users: BoundedMap<string, UserState>;
  tenant: string;
}

const T1110: Technique = { id: 'T1110', name: 'Brute Force' };
const T1110_001: Technique = { id: 'T1110.001', name: 'Brute Force: Password Guessing' };
const T1110_003: Technique = { id: 'T1110.003', name: 'Brute Force: Password Spraying' };

const MAIL_PORTS = new Set([25, 110, 143, 465, 587, 993, 995]);

/** Which login surface an event is about: the product or dataset first, the port as fallback. */
export function serviceOf(e: VaernEvent): string {
  const hint = `${e['event.dataset'] ?? ''} ${e['observer.product'] ?? ''} ${e['event.module'] ?? ''} ${e['network.protocol'] ?? ''}`.toLowerCase();
  if (/vpn|globalprotect|anyconnect|asa/.test(hint)) return 'vpn';
  if (/admin|gui|webui|mgmt/.test(hint)) return 'admin';
  const port = e['destination.port'];
  if (port === 22 || hint.includes('ssh')) return 'ssh';
  if (port === 3389 || hint.includes('rdp')) return 'rdp';
  if ((port !== undefined && MAIL_PORTS.has(port)) || /imap|pop3|smtp/.test(hint)) return 'mail';
  if (port === 10443 || port === 4443) return 'vpn';
  return 'other';
}

function outcomeOf(e: VaernEvent): 'failure' | 'success' | undefined {
  const action = e['event.action'];
  const isAuth = e['event.category']?.includes('authentication') === true || action === 'login-failed' || action === 'logged-in';
  if (!isAuth) return undefined;
  if (e['event.outcome'] === 'failure' || action === 'login-failed') return 'failure';
  if (e['event.outcome'] === 'success' || action === 'logged-in') return 'success';
  return undefined;
}

export const bruteForce: Detector<BruteForceConfig, State> = {
  id: 'brute-force',
  title: 'Brute force and password spraying',
  technique: T1110,
  configSchema,
  route: { all: TRAIT.auth },
  createState(cfg) {
    return { cfg, sources: new BoundedMap(cfg.maxKeys, cfg.windowMs * 2), users: new BoundedMap(cfg.maxKeys, cfg.windowMs * 2), tenant: '' };
  },
  step(state, events, now) {
    state.tenant = batchTenant(events, state.tenant);
    const { cfg } = state;
    const out: Finding[] = [];
    for (const e of events) {
      const outcome = outcomeOf(e);
      if (outcome === undefined) continue;
      const ts = e['@timestamp'];
      const user = e['user.name'];
      const src = e['source.ip'] ?? (user !== undefined ? `user:${user}` : undefined);
      if (src === undefined) continue;
      if (outcome === 'failure') {
        const s = state.sources.upsert(src, ts, () => ({
          failures: new WindowSum(cfg.windowMs, ts),
          users: new WindowDistinct(cfg.windowMs, ts, cfg.exactLimit, cfg.sketchPrecision),
          first: ts,
          last: ts,
          reportedFailures: 0,
          reportedUsers: 0,
          detail: undefined,
          firstUser: user,
          firstTarget: e['destination.ip'],
        }));
        const failures = s.failures.add(ts);
        const users = user !== undefined ? s.users.add(ts, hashString(user)) : s.users.count();
        s.last = Math.max(s.last, ts);
        if (failures > 1) {
          const d = (s.detail ??= newDetail(s));
          d.userNames.add(user);
          d.services.add(serviceOf(e));
          d.targets.add(e['destination.ip']);
          d.samples.add(e);
        }
        if (user !== undefined) {
          const u = state.users.upsert(user, ts, () => ({ failures: new WindowSum(cfg.windowMs, ts), sources: new CappedSet(20) }));
          u.failures.add(ts);
          u.sources.add(src);
        }
        if (users >= cfg.sprayUsers && users >= s.reportedUsers * 2) {
          s.reportedUsers = users;
          out.push(finding(state, src, s, 'spraying', failures, users, now));
        } else if (failures >= cfg.failures && failures >= s.reportedFailures * 2 && s.reportedUsers === 0) {
          // A source already reported as spraying is re-reported as such when its accounts double.
          s.reportedFailures = failures;
          out.push(finding(state, src, s, 'guessing', failures, users, now));
        }
      } else {
        const s = state.sources.get(src, ts);
        const byUser = user !== undefined ? state.users.get(user, ts) : undefined;
        const srcFailures = s?.failures.at(ts) ?? 0;
        const userFailures = byUser?.failures.at(ts) ?? 0;
        if (Math.max(srcFailures, userFailures) < cfg.successAfterFailures) continue;
        out.push(successFinding(state, e, src, s, srcFailures, userFailures, byUser, now));
      }
    }
    return out;
  },
  evict(state, now) {
    state.sources.evict(now);
    state.users.evict(now);
  },
};

function finding(state: State, src: string, s: SourceState, kind: 'guessing' | 'spraying', failures: number, users: number, now: number): Finding {
  const { cfg } = state;
  const d = (s.detail ??= newDetail(s));
  const services = d.services.top(3).map(([name]) => name);
  const spraying = kind === 'spraying';
  const sev: Severity = spraying ? cfg.sprayingSeverity : cfg.guessingSeverity;
  const ratio = spraying ? users / cfg.sprayUsers : failures / cfg.failures;
  return {
    detector: bruteForce.id,
    tenant: state.tenant,
    entity: src,
    severity: sev,
    score: clampScore((spraying ? 55 : 45) + 12 * Math.log2(ratio)),
    technique: spraying ? T1110_003 : T1110_001,
    title: spraying ? `Password spraying from ${src} against ${services.join(', ')}` : `Password guessing from ${src} against ${services.join(', ')}`,
    explanation:
      `${src} failed to log in ${failures} times against ${users} distinct account(s) on ${services.join(', ')} ${span(s.first, s.last)}` +
      ` (thresholds: ${cfg.failures} failures or ${cfg.sprayUsers} accounts within ${Math.round(cfg.windowMs / 60_000)} min).`,
    evidence: { counts: { failures, distinctUsers: users }, sampleEvents: [...d.samples.events] },
    related: { ip: src.startsWith('user:') ? d.targets.list() : [src, ...d.targets.list()], hosts: [], users: d.userNames.list() },
    firstSeen: s.first,
    lastSeen: s.last,
    timestamp: now,
    fields: { 'source.ip': src, 'vaern.service': services[0] ?? 'other' },
  };
}

function successFinding(
  state: State,
  e: VaernEvent,
  src: string,
  s: SourceState | undefined,
  srcFailures: number,
  userFailures: number,
  byUser: UserState | undefined,
  now: number,
): Finding {
  const user = e['user.name'];
  const ts = e['@timestamp'];
  const service = serviceOf(e);
  const first = s?.first ?? ts;
  const samples = [...(s?.detail?.samples.events ?? []).slice(0, 4), e];
  const who = user !== undefined ? `account ${user}` : 'an account';
  return {
    detector: bruteForce.id,
    tenant: state.tenant,
    entity: src,
    severity: state.cfg.successSeverity,
    score: clampScore(80 + 5 * Math.log2(Math.max(srcFailures, userFailures) / state.cfg.successAfterFailures)),
    technique: T1110,
    title: `Successful ${service} login after repeated failures from ${src}`,
    explanation:
      `${src} logged in to ${who} on ${service} at ${new Date(ts).toISOString()} after ${srcFailures} failures from that source` +
      (user !== undefined ? ` and ${userFailures} failures against that account` : '') +
      ` within the window; failures began ${new Date(first).toISOString()}.`,
    evidence: { counts: { sourceFailures: srcFailures, userFailures }, sampleEvents: samples },
    related: {
      ip: [...new Set([src.startsWith('user:') ? undefined : src, e['destination.ip'], ...(byUser?.sources.list() ?? [])].filter((x): x is string => x !== undefined && !x.startsWith('user:')))],
      hosts: [],
      users: user !== undefined ? [user] : [],
    },
    firstSeen: first,
    lastSeen: ts,
    timestamp: now,
    fields: { 'source.ip': src, 'user.name': user ?? '', 'vaern.service': service, 'event.outcome': 'success' },
  };
}

export default register(bruteForce);
