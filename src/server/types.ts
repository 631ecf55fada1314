import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { VaernConfig } from '../config/config.ts';
import type { TenantScope } from '../model/tenant.ts';
import type { IngestStats } from '../pipeline/stats.ts';
import type { EventStore } from '../store/events/event-store.ts';
import type { AlertStatusChange, Role, RoleGrant, StateStore, User } from '../store/state/state-store.ts';

/** What the server needs from the rest of Vaern; everything is passed in, nothing is global. */
export interface ServerDeps {
  readonly config: VaernConfig;
  readonly state: StateStore;
  readonly events: EventStore;
  /** Live ingest counters, read at request time (sensor page, /metrics, the stream). */
  readonly stats: () => IngestStats;
  /** Directory of the built web console (web/dist), served at `/` with SPA fallback. */
  readonly webRoot?: string;
  /** `false` for silence (tests); an object is merged into fastify's pino options. */
  readonly logger?: boolean | object;
  /** Clock in epoch ms, so tests can fix time. */
  readonly now?: () => number;
  /** The running detection engine, told about analysts' changes; absent when nothing detects. */
  readonly detection?: DetectionLink;
}

/** What the API tells the detection engine after it changes alerts or suppressions in the store. */
export interface DetectionLink {
  alertStatusChanged(changes: readonly AlertStatusChange[]): void;
  /** Reload the suppression rules from the store. */
  suppressionsChanged(): Promise<void>;
}

/** The deps with defaults filled in, as routes see them. */
export interface Deps extends ServerDeps {
  readonly now: () => number;
}

/** Who is calling, computed once per request by the auth hook (src/server/auth/hook.ts). */
export interface AuthContext {
  readonly user: User;
  readonly via: 'session' | 'token';
  readonly tokenId?: string;
  /** The grants in force: the user's, narrowed to the token's when a token is used. */
  readonly grants: readonly RoleGrant[];
  /**
   * The tenants this request may touch: those where the caller holds the route's role (viewer
   * when the route names none), narrowed by `?tenant=`. Every store call takes this scope.
   */
  readonly scope: TenantScope;
  /** Holds a centre-wide (`*`) grant. */
  readonly isCentre: boolean;
  /** Highest role held in `tenant` (a `*` grant counts everywhere), or undefined. */
  roleIn(tenant: string): Role | undefined;
}

/** Pushes an event to stream subscribers whose scope includes the tenant; returns how many got it. */
export type EmitFn = (tenant: string, type: string, data: unknown) => number;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every protected route; null on public ones. */
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. Only health, login, logout and the OpenAPI document. */
    public?: boolean;
    /** Minimum role required; the request's scope is the tenants where the caller holds it. */
    role?: Role;
    /** The role must be held centre-wide (a `*` grant), e.g. to create tenants. */
    centre?: boolean;
  }
  interface FastifyInstance {
    emit: EmitFn;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** One domain's routes: a function of the app and the deps, called once by `buildApp`. */
export type RegisterRoutes = (app: App, deps: Deps) => void;
