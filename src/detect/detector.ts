import type { z } from 'zod';
import type { VaernEvent } from '../model/event.ts';
import type { Finding, Technique } from './alert.ts';
import { directionOf, type Direction } from './net.ts';

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
  /** The events `step` can use; absent: every event. */
  readonly route?: Route;
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
  readonly route: Route | undefined;
  /** `config` must already be parsed by `configSchema`. */
  instantiate(config: DetectorConfigBase): DetectorRun;
}

export function register<C extends DetectorConfigBase, S>(d: Detector<C, S>): RegisteredDetector {
  return {
    id: d.id,
    title: d.title,
    technique: d.technique,
    configSchema: d.configSchema,
    route: d.route,
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

/**
 * What an event is, as bits: worked out once per event by the engine (see `traitsOf`), so each
 * detector's `step` is handed only the events it can use instead of every detector reading the
 * same fields of every event to skip most of them.
 */
export const TRAIT = {
  denied: 1 << 0,
  inbound: 1 << 1,
  outbound: 1 << 2,
  internal: 1 << 3,
  external: 1 << 4,
  /** `dns.question.name` set. */
  dns: 1 << 5,
  /** `event.kind: alert` (an IDS alert). */
  alert: 1 << 6,
  /** `threat.indicator.matched.atomic` set by the enricher. */
  intel: 1 << 7,
  /** An authentication category or a login action. */
  auth: 1 << 8,
  /** `source.ip` set. */
  source: 1 << 9,
  /** `source.ip`, `destination.ip` and `destination.port` set. */
  connection: 1 << 10,
} as const;

/**
 * The events a detector can use: those with every trait of `all`, at least one of `any` (when
 * given) and none of `none`. A route must let through every event the detector's `step` would do
 * anything with (it may let through more): `step` still applies its own tests, a route only saves
 * it the events it would skip anyway.
 */
export interface Route {
  readonly all?: number;
  readonly any?: number;
  readonly none?: number;
}

const DIRECTION_TRAIT: Record<Direction, number> = { inbound: TRAIT.inbound, outbound: TRAIT.outbound, internal: TRAIT.internal, external: TRAIT.external };

export function traitsOf(e: VaernEvent): number {
  const action = e['event.action'];
  let t = action === 'denied' ? TRAIT.denied : 0;
  const dir = directionOf(e);
  if (dir !== undefined) t |= DIRECTION_TRAIT[dir];
  if (e['dns.question.name'] !== undefined) t |= TRAIT.dns;
  if (e['event.kind'] === 'alert') t |= TRAIT.alert;
  if (e['threat.indicator.matched.atomic'] !== undefined) t |= TRAIT.intel;
  if (action === 'login-failed' || action === 'logged-in' || e['event.category']?.includes('authentication') === true) t |= TRAIT.auth;
  if (e['source.ip'] !== undefined) {
    t |= TRAIT.source;
    if (e['destination.ip'] !== undefined && e['destination.port'] !== undefined) t |= TRAIT.connection;
  }
  return t;
}
