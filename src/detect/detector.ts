import type { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Technique } from './alert.ts';

/** Every detector's config has an `enabled` switch; the rest is its own. */
export interface DetectorConfigBase {
  readonly enabled: boolean;
}

/**
 * One detector: a pure, bounded state machine over event batches of one tenant.
 *
 * - `configSchema` checks ranges and order; the values themselves live in ./defaults.yaml (the
 *   one source of defaults), laid under the operator's config by ./config.ts.
 * - `step` sees the events of one tenant in event-time order and the clock `now` (event time in
 *   replays, wall time live). It touches nothing outside `state` and returns findings; it never
 *   notifies, suppresses or stores: that is dedup's and the SOC's job.
 * - `evict` drops state older than the detector's horizons; state is also capped in size.
 */
export interface Detector<C extends DetectorConfigBase, S> {
  readonly id: string;
  readonly title: string;
  /** The main technique; a finding may name a more specific one. */
  readonly technique: Technique;
  readonly configSchema: z.ZodType<C>;
  createState(config: C): S;
  step(state: S, events: readonly VaernEvent[], now: number): Finding[];
  evict(state: S, now: number): void;
}

/** A detector bound to one parsed config and one state: what the engine runs per tenant. */
export interface DetectorRun {
  readonly id: string;
  step(events: readonly VaernEvent[], now: number): Finding[];
  evict(now: number): void;
}

/**
 * A detector with its types sealed inside, so the registry can list detectors of different
 * config and state types without `any`.
 */
export interface RegisteredDetector {
  readonly id: string;
  readonly title: string;
  readonly technique: Technique;
  readonly configSchema: z.ZodType<DetectorConfigBase>;
  /** `config` must already be parsed by `configSchema`. */
  instantiate(config: DetectorConfigBase): DetectorRun;
}

export function register<C extends DetectorConfigBase, S>(d: Detector<C, S>): RegisteredDetector {
  return {
    id: d.id,
    title: d.title,
    technique: d.technique,
    configSchema: d.configSchema,
    instantiate(config) {
      const state = d.createState(config as C);
      return {
        id: d.id,
        step: (events, now) => d.step(state, events, now),
        evict: (now) => d.evict(state, now),
      };
    },
  };
}

/** The tenant of a per-tenant batch (the engine never mixes tenants in one step). */
export function batchTenant(events: readonly VaernEvent[], fallback: string): string {
  return events.length > 0 ? events[0]!['vaern.tenant'] : fallback;
}
