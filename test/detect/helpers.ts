import type { VaernEvent } from '../../src/model/event.ts';

/** Shared builders for detector tests: a fixed epoch and compact event constructors. */
export const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const TENANT = 'test-kommune';

export function ev(ts: number, fields: Partial<VaernEvent>): VaernEvent {
  return { '@timestamp': ts, 'vaern.tenant': TENANT, ...fields };
}

export function flow(ts: number, src: string, dst: string, port: number, extra: Partial<VaernEvent> = {}): VaernEvent {
  return ev(ts, { 'event.action': 'allowed', 'source.ip': src, 'destination.ip': dst, 'destination.port': port, 'network.transport': 'tcp', ...extra });
}

import type { Finding } from '../../src/detect/alert.ts';
import type { Detector, DetectorConfigBase } from '../../src/detect/detector.ts';
import { detectorConfig } from '../../src/detect/config.ts';

/** The stable part of a finding, for golden comparisons. */
export function golden(f: Finding): Record<string, unknown> {
  return {
    entity: f.entity,
    severity: f.severity,
    score: f.score,
    technique: f.technique.id,
    title: f.title,
    counts: f.evidence.counts,
    firstSeen: f.firstSeen - T0,
    lastSeen: f.lastSeen - T0,
  };
}

/**
 * Run a detector over events with a fake clock: events are fed in batches of `batchMs` of event
 * time and `now` is the end of each batch, as the engine and the CLI do.
 */
export function replay<C extends DetectorConfigBase, S>(
  d: Detector<C, S>,
  overrides: Record<string, unknown>,
  events: ReturnType<typeof ev>[],
  batchMs = 60_000,
  until?: number,
): Finding[] {
  const state = d.createState(detectorConfig(d, overrides));
  const sorted = [...events].sort((a, b) => a['@timestamp'] - b['@timestamp']);
  const out: Finding[] = [];
  const end = until ?? (sorted.at(-1)?.['@timestamp'] ?? T0) + batchMs;
  let i = 0;
  for (let now = T0 + batchMs; now <= end + batchMs; now += batchMs) {
    const batch: ReturnType<typeof ev>[] = [];
    while (i < sorted.length && sorted[i]!['@timestamp'] < now) batch.push(sorted[i++]!);
    out.push(...d.step(state, batch, now));
    d.evict(state, now);
  }
  return out;
}
