import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { inScope, type TenantScope } from '../../model/tenant.ts';
import type { IngestStats } from '../../pipeline/stats.ts';

/**
 * Prometheus metrics. The ingest layers keep plain counters (src/pipeline/stats.ts); here they
 * become series at scrape time through collect() callbacks, so nothing is counted twice.
 *
 * Per-sensor series name tenants, so they are filtered by the caller's scope; the series that
 * sum over all tenants (totals, queue, listeners, the process) are shown to centre-wide callers
 * only, since one municipality's volume is not another's business.
 */
export interface MetricsRenderer {
  readonly contentType: string;
  render(scope: TenantScope): Promise<string>;
}

export function createMetrics(stats: () => IngestStats): MetricsRenderer {
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry, prefix: 'vaern_' });
  return {
    contentType: processRegistry.contentType,
    async render(scope) {
      const snapshot = stats();
      const sensors = ingestSensorRegistry(snapshot, scope);
      const registries = scope.kind === 'all' ? [processRegistry, ingestTotalsRegistry(snapshot), sensors] : [sensors];
      return Registry.merge(registries).metrics();
    },
  };
}

type LabelNames = readonly string[];

/** A counter whose value is read from the snapshot when scraped. */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => readonly [Partial<Record<L, string>>, number][]): void {
  new Counter<L>({
    name,
    help,
    labelNames: labelNames as L[],
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: () => readonly [Partial<Record<L, string>>, number][]): void {
  new Gauge<L>({
    name,
    help,
    labelNames: labelNames as L[],
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.set(labels, value);
    },
  });
}

const NONE: LabelNames = [];
const LISTENER = ['listener', 'protocol'] as const;
const SENSOR = ['tenant', 'sensor'] as const;

function ingestTotalsRegistry(s: IngestStats): Registry {
  const r = new Registry();
  const total = (v: number): [Record<string, string>, number][] => [[{}, v]];
  counter(r, 'vaern_events_received_total', 'Lines received and handed to a decoder (decoded + rejected)', NONE, () => total(s.decoded + s.rejected));
  counter(r, 'vaern_events_decoded_total', 'Events decoded', NONE, () => total(s.decoded));
  counter(r, 'vaern_events_rejected_total', 'Lines rejected (kept with a reason)', NONE, () => total(s.rejected));
  counter(r, 'vaern_events_stored_total', 'Events durably stored', NONE, () => total(s.stored));
  gauge(r, 'vaern_queue_depth', 'Events waiting between decode and store', NONE, () => total(s.queueDepth));
  counter(r, 'vaern_events_dropped_total', 'Events lost because the queue was full or the store refused them', NONE, () => total(s.dropped));
  const perListener = (pick: (l: IngestStats['listeners'][number]) => number) => () =>
    s.listeners.map((l) => [{ listener: l.name, protocol: l.protocol }, pick(l)] as [Record<string, string>, number]);
  counter(r, 'vaern_listener_frames_total', 'Frames (syslog messages, flow packets) received', LISTENER, perListener((l) => l.framesReceived));
  counter(r, 'vaern_listener_bytes_total', 'Bytes received', LISTENER, perListener((l) => l.bytesReceived));
  counter(r, 'vaern_listener_frames_oversized_total', 'Frames cut at the maximum frame size', LISTENER, perListener((l) => l.framesOversized));
  counter(r, 'vaern_listener_framing_errors_total', 'Framing errors (bad octet count, TLS handshake)', LISTENER, perListener((l) => l.framingErrors));
  gauge(r, 'vaern_listener_connections', 'Open TCP/TLS connections', LISTENER, perListener((l) => l.connections));
  counter(r, 'vaern_listener_socket_drops_total', 'Datagrams dropped by the kernel on this socket', LISTENER, perListener((l) => l.socketDrops));
  return r;
}

function ingestSensorRegistry(s: IngestStats, scope: TenantScope): Registry {
  const r = new Registry();
  const visible = s.sensors.filter((x) => inScope(scope, x.tenant));
  const perSensor = (pick: (x: IngestStats['sensors'][number]) => number) => () =>
    visible.map((x) => [{ tenant: x.tenant, sensor: x.sensor }, pick(x)] as [Record<string, string>, number]);
  counter(r, 'vaern_sensor_events_total', 'Events decoded per sensor', SENSOR, perSensor((x) => x.events));
  counter(r, 'vaern_sensor_rejects_total', 'Lines rejected per sensor', SENSOR, perSensor((x) => x.rejects));
  gauge(r, 'vaern_sensor_last_seen_seconds', 'Unix time of the last line from the sensor', SENSOR, perSensor((x) => x.lastSeen / 1000));
  return r;
}
