import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VaernConfig } from '../config/config.ts';
import { ALL_TENANTS } from '../model/tenant.ts';
import { openEmbeddedStores } from '../store/embedded.ts';
import type { StateStore } from '../store/state/state-store.ts';
import { IngestPipeline } from '../pipeline/ingest.ts';
import { SensorResolver } from '../pipeline/sensor-resolver.ts';
import type { ListenerStats } from '../pipeline/stats.ts';
import { createEnrichment } from '../enrich/pipeline.ts';
import { loadEnrichmentData } from './enrichment.ts';
import { buildApp } from '../server/app.ts';
import { ensureAdmin } from '../server/auth/bootstrap.ts';
import { demoTenantsAndSensors, startDemo, type DemoHandle } from './demo.ts';
import { startDetection, type LiveDetection } from './detection.ts';
import { startSources, type Stopper } from './sources.ts';

export interface StartOptions {
  readonly config: VaernConfig;
  /** First admin's password; generated (and returned once) when absent. */
  readonly adminPassword?: string;
  /** Run the simulated municipalities against our own listeners. */
  readonly demo?: { readonly backfillHours: number; readonly seed?: number };
  readonly logger?: boolean;
}

export interface VaernHandle {
  readonly url: string;
  readonly httpPort: number;
  /** Bound ports per listener name (useful when the config asked for port 0). */
  readonly listenerPorts: ReadonlyMap<string, number>;
  /** Set when this start created the admin with a generated password: print it once. */
  readonly generatedAdminPassword: string | undefined;
  readonly pipeline: IngestPipeline;
  readonly state: StateStore;
  readonly detection: LiveDetection;
  readonly demo: DemoHandle | undefined;
  stop(): Promise<void>;
}

const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));
const RESOLVER_REFRESH_MS = 5_000;
const RETENTION_EVERY_MS = 3_600_000;

/**
 * Vaern in one process on embedded stores: the composition root. Opens the stores, makes sure
 * there is an admin and the configured tenants and sensors, then starts detection, the ingest
 * pipeline, the listeners and the HTTP server, and optionally the demo's simulated municipalities.
 */
export async function startVaern(opts: StartOptions): Promise<VaernHandle> {
  const { config } = opts;
  const stores = await openEmbeddedStores(config.dataDir);
  const { state, events } = stores;
  const stoppers: Stopper[] = [() => stores.close()];
  try {
    const admin = await ensureAdmin(state, { password: opts.adminPassword });
    const demo = opts.demo === undefined ? { tenants: [], sensors: [] } : demoTenantsAndSensors();
    await seed(state, [...config.tenants, ...demo.tenants], [...config.sensors, ...demo.sensors]);

    const listenerDefaults = config.listeners.map((l) => ({ name: l.name, format: l.format, tenant: l.tenant }));
    let resolver = new SensorResolver(await state.sensors.list(ALL_TENANTS), listenerDefaults);
    let tenantNetworks = await networksOf(state);
    const refresh = setInterval(() => {
      void (async () => {
        resolver = new SensorResolver(await state.sensors.list(ALL_TENANTS), listenerDefaults);
        tenantNetworks = await networksOf(state);
      })().catch(() => undefined);
    }, RESOLVER_REFRESH_MS);
    refresh.unref();
    stoppers.push(() => clearInterval(refresh));

    // Stopped after the pipeline's flush (stoppers run in reverse), before the stores close.
    const detection = await startDetection({ state, onError: (err) => console.error('detection:', err) });
    stoppers.push(() => detection.stop());

    const enrichmentData = loadEnrichmentData(config.enrichment, (m) => console.warn(`enrich: ${m}`));
    const listenerStats: ListenerStats[] = [];
    const pipeline = new IngestPipeline({
      resolver: () => resolver,
      events,
      enrich: createEnrichment({ tenants: () => tenantNetworks, ...enrichmentData, cacheDir: join(config.dataDir, 'cache'), onWarning: (m) => console.warn(`enrich: ${m}`) }),
      observe: detection.observe,
      listeners: () => listenerStats,
      onError: (err) => console.error('ingest:', err),
    });
    stoppers.push(() => pipeline.flush());

    const sources = await startSources({ config, pipeline, resolver: () => resolver, stoppers });
    const listenerPorts = sources.ports;
    listenerStats.push(...sources.stats);

    const retention = setInterval(() => {
      void events.deleteBefore(Date.now() - config.retentionDays * 86_400_000).catch(() => undefined);
    }, RETENTION_EVERY_MS);
    retention.unref();
    stoppers.push(() => clearInterval(retention));

    const app = await buildApp({
      config,
      state,
      events,
      stats: () => pipeline.stats(),
      webRoot: existsSync(WEB_ROOT) ? WEB_ROOT : undefined,
      logger: opts.logger ?? false,
      detection: detection.link,
    });
    // The app exists only now; alerts raised before this were stored but not announced.
    detection.setEmitter(app.emit);
    await app.listen({ host: config.http.host, port: config.http.port });
    stoppers.push(() => app.close());
    const address = app.server.address();
    const httpPort = typeof address === 'object' && address !== null ? address.port : config.http.port;
    const shownHost = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;

    let simulator: DemoHandle | undefined;
    if (opts.demo !== undefined) {
      const udpPort = listenerPorts.get('syslog-udp');
      const tcpPort = listenerPorts.get('syslog-tcp');
      if (udpPort === undefined || tcpPort === undefined) throw new Error('the demo needs the syslog-udp and syslog-tcp listeners');
      const running = await startDemo({ udpPort, tcpPort, backfillHours: opts.demo.backfillHours, seed: opts.demo.seed ?? 1 });
      simulator = running;
      stoppers.push(() => running.stop());
    }

    return {
      url: `http://${shownHost}:${httpPort}/`,
      httpPort,
      listenerPorts,
      generatedAdminPassword: admin.generatedPassword,
      pipeline,
      state,
      detection,
      demo: simulator,
      async stop() {
        for (const stop of stoppers.reverse()) await stop();
      },
    };
  } catch (err) {
    for (const stop of stoppers.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    throw err;
  }
}

async function networksOf(state: StateStore): Promise<Map<string, { networks: readonly string[] }>> {
  return new Map((await state.tenants.list(ALL_TENANTS)).map((t) => [t.id, { networks: t.networks }]));
}

/** Create the configured tenants and sensors; existing ones keep any changes made in the console. */
async function seed(
  state: StateStore,
  tenants: readonly { id: string; name: string; country: string; networks: readonly string[] }[],
  sensors: readonly { name: string; tenant: string; format: string; address?: string | undefined; listener?: string | undefined }[],
): Promise<void> {
  const existingTenants = new Set((await state.tenants.list(ALL_TENANTS)).map((t) => t.id));
  for (const t of tenants) if (!existingTenants.has(t.id)) await state.tenants.upsert(t);
  const existing = new Set((await state.sensors.list(ALL_TENANTS)).map((s) => `${s.tenant}/${s.name}`));
  for (const s of sensors) {
    if (existing.has(`${s.tenant}/${s.name}`)) continue;
    const match = s.address !== undefined ? { kind: 'address' as const, cidr: s.address } : { kind: 'listener' as const, listener: s.listener ?? '' };
    await state.sensors.create({ tenant: s.tenant, name: s.name, format: s.format, match });
  }
}
