import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { VaernConfig } from '../../src/config/config.ts';
import type { Alert } from '../../src/detect/alert.ts';
import type { VaernEvent } from '../../src/model/event.ts';
import type { Reject } from '../../src/model/reject.ts';
import type { IngestStats } from '../../src/pipeline/stats.ts';
import { buildApp } from '../../src/server/app.ts';
import { ensureAdmin } from '../../src/server/auth/bootstrap.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { App, DetectionLink } from '../../src/server/types.ts';
import { openDuckDbEventStore } from '../../src/store/events/duckdb.ts';
import type { EventStore } from '../../src/store/events/event-store.ts';
import { openPgliteStateStore } from '../../src/store/state/pglite.ts';
import type { RoleGrant, StateStore } from '../../src/store/state/state-store.ts';

/**
 * Two municipalities on real in-memory stores: `alfa` (Denmark) and `bravo` (Norway), each with
 * events, rejects, a sensor, users, audit entries, alerts and a suppression. Everything of
 * bravo's carries the word "bravo" or the address 203.0.113.99, so a leak is a substring search
 * away.
 */
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
export const HOUR = 3_600_000;
export const PASSWORD = 'correct horse battery staple';
export const ADMIN_PASSWORD = 'admin passphrase for tests';
export const BRAVO_MARKERS = ['bravo', '203.0.113.99'];

export const USERS = {
  alice: [{ tenant: 'alfa', role: 'admin' }],
  anna: [{ tenant: 'alfa', role: 'analyst' }],
  victor: [{ tenant: 'alfa', role: 'viewer' }],
  'bravo-admin': [{ tenant: 'bravo', role: 'admin' }],
  both: [
    { tenant: 'alfa', role: 'analyst' },
    { tenant: 'bravo', role: 'viewer' },
  ],
  centre: [{ tenant: '*', role: 'analyst' }],
} satisfies Record<string, RoleGrant[]>;
export type SeedUser = keyof typeof USERS | 'admin';

function denied(tenant: string, hoursAgo: number, ip: string, country: string, asn: number, org: string, port: number): VaernEvent {
  return {
    '@timestamp': NOW - hoursAgo * HOUR,
    'vaern.tenant': tenant,
    'vaern.sensor': `fw-${tenant}`,
    'event.action': 'denied',
    'network.direction': 'inbound',
    'network.transport': 'tcp',
    'source.ip': ip,
    'source.port': 40_000 + port,
    'source.geo.country_iso_code': country,
    'source.as.number': asn,
    'source.as.organization.name': org,
    'destination.ip': tenant === 'alfa' ? '10.1.0.10' : '10.2.0.10',
    'destination.port': port,
    message: `deny from ${ip}`,
  };
}

/** alfa: 5 breach attempts (RU x3 from 2 addresses, CN x2 from 1), 1 allowed outbound, 1 denied outbound. */
export const ALFA_EVENTS: VaernEvent[] = [
  denied('alfa', 1, '198.51.100.1', 'RU', 64500, 'Example RU Net', 22),
  denied('alfa', 2, '198.51.100.1', 'RU', 64500, 'Example RU Net', 3389),
  denied('alfa', 30, '198.51.100.2', 'RU', 64500, 'Example RU Net', 22),
  denied('alfa', 3, '192.0.2.7', 'CN', 64501, 'Example CN Net', 445),
  denied('alfa', 3.5, '192.0.2.7', 'CN', 64501, 'Example CN Net', 23),
  { ...denied('alfa', 4, '10.1.0.20', 'DK', 64502, 'Alfa Kommune', 443), 'event.action': 'allowed', 'network.direction': 'outbound' },
  { ...denied('alfa', 5, '10.1.0.21', 'DK', 64502, 'Alfa Kommune', 25), 'network.direction': 'outbound' },
];
export const BRAVO_EVENTS: VaernEvent[] = [
  denied('bravo', 1, '203.0.113.99', 'KP', 64666, 'Bravo Transit', 22),
  denied('bravo', 2, '203.0.113.99', 'RU', 64666, 'Bravo Transit', 22),
];

function scanAlert(id: string, tenant: string, src: string, over: Partial<Alert> = {}): Alert {
  const dst = tenant === 'alfa' ? '10.1.0.10' : '10.2.0.10';
  return {
    id,
    detector: 'port-scan',
    tenant,
    entity: src,
    status: 'open',
    severity: 'low',
    score: 40,
    technique: { id: 'T1595', name: 'Active Scanning' },
    title: `Vertical port scan from ${src}`,
    explanation: `The external host ${src} contacted 64 distinct ports on ${dst}.`,
    evidence: { counts: { distinct: 64, threshold: 60 }, sampleEvents: [denied(tenant, 2, src, 'RU', 64500, `${tenant} transit`, 22)] },
    related: { ip: [src, dst], hosts: [], users: [] },
    count: 1,
    firstSeen: NOW - 3 * HOUR,
    lastSeen: NOW - 2 * HOUR,
    createdAt: NOW - 2 * HOUR,
    updatedAt: NOW - 2 * HOUR,
    fields: { 'source.ip': src, 'destination.ip': dst, 'vaern.scan.type': 'vertical' },
    ...over,
  };
}

/** alfa: an open low scan and an acknowledged high brute force; bravo: an open critical scan. */
export const ALFA_ALERTS: Alert[] = [
  scanAlert('port-scan-alfa-1', 'alfa', '198.51.100.1'),
  scanAlert('brute-force-alfa-2', 'alfa', '192.0.2.7', {
    detector: 'brute-force',
    status: 'acknowledged',
    severity: 'high',
    score: 75,
    technique: { id: 'T1110', name: 'Brute Force' },
    title: 'Password guessing from 192.0.2.7',
    lastSeen: NOW - HOUR,
    updatedAt: NOW - HOUR,
  }),
];
export const BRAVO_ALERTS: Alert[] = [scanAlert('port-scan-bravo-1', 'bravo', '203.0.113.99', { severity: 'critical', score: 95 })];

const reject = (tenant: string, hoursAgo: number): Reject => ({
  receivedAt: NOW - hoursAgo * HOUR,
  tenant,
  sensor: `fw-${tenant}`,
  origin: 'udp:5514',
  format: 'filterlog',
  reason: `filterlog: truncated line from fw-${tenant}`,
  raw: `<134>garbage from fw-${tenant}`,
});

export function ingestStats(): IngestStats {
  return {
    listeners: [{ name: 'syslog-udp', protocol: 'udp', framesReceived: 100, bytesReceived: 12_345, framesOversized: 1, framingErrors: 2, connections: 0, socketDrops: 3 }],
    sensors: [
      { tenant: 'alfa', sensor: 'fw-alfa', events: 7, rejects: 1, lastSeen: NOW - 60_000 },
      { tenant: 'bravo', sensor: 'fw-bravo', events: 2, rejects: 1, lastSeen: NOW - 120_000 },
    ],
    decoded: 9,
    rejected: 2,
    stored: 9,
    queueDepth: 0,
    dropped: 0,
  };
}

export interface Fixture {
  readonly app: App;
  readonly state: StateStore;
  readonly events: EventStore;
  /** User id by username. */
  readonly ids: Map<string, string>;
  /** Cookie header of a signed-in seeded user (signed in once per fixture, then cached). */
  cookie(user: SeedUser): Promise<string>;
  close(): Promise<void>;
}

export async function openFixture(opts: { webRoot?: string; detection?: DetectionLink } = {}): Promise<Fixture> {
  const state = await openPgliteStateStore();
  const events = await openDuckDbEventStore();
  await ensureAdmin(state, { password: ADMIN_PASSWORD });
  await state.tenants.upsert({ id: 'alfa', name: 'Alfa Kommune', country: 'DK', networks: ['10.1.0.0/16'] });
  await state.tenants.upsert({ id: 'bravo', name: 'Bravo Kommune', country: 'NO', networks: ['10.2.0.0/16'] });
  const hash = await hashPassword(PASSWORD);
  const ids = new Map<string, string>();
  ids.set('admin', (await state.users.byUsernameWithSecret('admin'))!.id);
  for (const [username, grants] of Object.entries(USERS)) {
    const u = await state.users.create({ username, displayName: username, passwordHash: hash, locale: 'da', grants });
    ids.set(username, u.id);
  }
  await state.sensors.create({ tenant: 'alfa', name: 'fw-alfa', format: 'auto', match: { kind: 'address', cidr: '10.1.0.1/32' } });
  await state.sensors.create({ tenant: 'bravo', name: 'fw-bravo', format: 'auto', match: { kind: 'address', cidr: '10.2.0.1/32' } });
  await events.appendBatch([...ALFA_EVENTS, ...BRAVO_EVENTS]);
  await events.appendRejects([reject('alfa', 1), reject('bravo', 1)]);
  await state.alerts.upsert([...ALFA_ALERTS, ...BRAVO_ALERTS]);
  await state.suppressions.create({ tenant: 'alfa', detector: 'port-scan', entity: '10.1.0.5', reason: 'alfa vulnerability scanner', owner: 'anna', expiresAt: NOW + 24 * HOUR }, NOW - HOUR);
  await state.suppressions.create({ tenant: 'bravo', detector: null, entity: '203.0.113.99', reason: 'bravo pen test', owner: 'bravo-admin', expiresAt: NOW + 24 * HOUR }, NOW - HOUR);
  await state.audit.append({ at: NOW - HOUR, tenant: 'bravo', actor: 'bravo-admin', action: 'sensor.create', target: 'fw-bravo' });
  await state.audit.append({ at: NOW - HOUR, tenant: 'alfa', actor: 'alice', action: 'sensor.create', target: 'fw-alfa' });

  const config = VaernConfig.parse({});
  const app = await buildApp({
    config,
    state,
    events,
    stats: ingestStats,
    logger: false,
    now: () => NOW,
    ...(opts.webRoot === undefined ? {} : { webRoot: opts.webRoot }),
    ...(opts.detection === undefined ? {} : { detection: opts.detection }),
  });
  const cookies = new Map<SeedUser, string>();
  return {
    app,
    state,
    events,
    ids,
    async cookie(user) {
      const cached = cookies.get(user);
      if (cached !== undefined) return cached;
      const res = await login(app, user, user === 'admin' ? ADMIN_PASSWORD : PASSWORD);
      assert.equal(res.statusCode, 200, res.body);
      const c = sessionCookie(res);
      cookies.set(user, c);
      return c;
    },
    async close() {
      await app.close();
      await events.close();
      await state.close();
    },
  };
}

export function login(app: App, username: string, password: string, ip = '127.0.0.1'): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'vaern_session');
  assert.ok(c, 'no session cookie');
  return `vaern_session=${c.value}`;
}

/** JSON GET as a signed-in user. */
export async function getAs(f: Fixture, user: SeedUser, url: string): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'GET', url, headers: { cookie: await f.cookie(user) } });
}

export async function sendAs(f: Fixture, user: SeedUser, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> {
  return f.app.inject({ method, url, headers: { cookie: await f.cookie(user) }, ...(payload === undefined ? {} : { payload }) });
}

/** Query string for the seeded window: the day before NOW. */
export const WINDOW = `from=${NOW - 48 * HOUR}&to=${NOW}`;
