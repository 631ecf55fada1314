import { z } from 'zod';
import type { SensorStats } from '../../pipeline/stats.ts';
import type { Sensor, SensorMatch } from '../../store/state/state-store.ts';
import { recordAudit } from '../audit/record.ts';
import { authOf, requireRoleIn } from '../auth/hook.ts';
import { newApiToken, sha256 } from '../auth/secrets.ts';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { Cidr, TenantId } from '../schemas.ts';
import type { RegisterRoutes } from '../types.ts';

const SensorName = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'letters, digits and . _ - only');

const MatchIn = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('address'), cidr: Cidr }),
  z.strictObject({ kind: z.literal('listener'), listener: z.string().min(1).max(128) }),
  z.strictObject({ kind: z.literal('token') }).describe('Vaern generates a sender token, returned once'),
]);

/** How a sensor is matched, as shown: a token sensor shows that it has one, never its hash. */
const MatchOut = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('address'), cidr: z.string() }),
  z.object({ kind: z.literal('listener'), listener: z.string() }),
  z.object({ kind: z.literal('token') }),
]);

const SensorRecord = z.object({
  id: z.string(),
  tenant: z.string(),
  name: z.string(),
  format: z.string(),
  match: MatchOut,
  createdAt: z.number().int(),
  live: z
    .object({
      events: z.number().int(),
      rejects: z.number().int(),
      lastSeen: z.number().int().nullable().describe('Epoch ms of the last line, null if none since start'),
    })
    .describe('Counters since the server started'),
});

const CreateSensor = z.strictObject({
  tenant: TenantId,
  name: SensorName,
  format: z.string().regex(/^[a-z0-9-]{1,32}$/).default('auto').describe('Decoder, or `auto`'),
  match: MatchIn,
});

function sensorRecord(s: Sensor, live: SensorStats | undefined): z.infer<typeof SensorRecord> {
  const match = s.match.kind === 'token' ? { kind: 'token' as const } : s.match;
  return {
    id: s.id,
    tenant: s.tenant,
    name: s.name,
    format: s.format,
    match,
    createdAt: s.createdAt,
    live: { events: live?.events ?? 0, rejects: live?.rejects ?? 0, lastSeen: live?.lastSeen ?? null },
  };
}

/** Sensors (firewalls, routers, Zeek hosts) and how their data is recognised. Tenant admins manage their own. */
export const sensorRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/sensors',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Sensors you can see, with live counters',
        tags: ['sensors'],
        querystring: z.object({ tenant: TenantId.optional() }),
        response: { 200: z.object({ sensors: z.array(SensorRecord) }), ...protectedErrors },
      },
    },
    async (request) => {
      const sensors = await deps.state.sensors.list(authOf(request).scope);
      const live = new Map(deps.stats().sensors.map((s) => [`${s.tenant}\u0000${s.sensor}`, s]));
      return { sensors: sensors.map((s) => sensorRecord(s, live.get(`${s.tenant}\u0000${s.name}`))) };
    },
  );

  app.post(
    '/api/v1/sensors',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Add a sensor (tenant admin)',
        tags: ['sensors'],
        body: CreateSensor,
        response: {
          201: z.object({ sensor: SensorRecord, token: z.string().optional().describe('For token sensors: the sender token, shown once') }),
          ...protectedErrors,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { tenant, name, format, match } = request.body;
      requireRoleIn(auth, tenant, 'admin');
      const token = match.kind === 'token' ? newApiToken() : undefined;
      const stored: SensorMatch = token === undefined ? (match as Exclude<SensorMatch, { kind: 'token' }>) : { kind: 'token', tokenHash: sha256(token) };
      const sensor = await deps.state.sensors.create({ tenant, name, format, match: stored });
      await recordAudit(deps, request, { tenant, action: 'sensor.create', target: sensor.id, detail: { name, format, match: match.kind } });
      app.emit(tenant, 'sensor.created', { id: sensor.id, name });
      return reply.code(201).send({ sensor: sensorRecord(sensor, undefined), ...(token === undefined ? {} : { token }) });
    },
  );

  app.delete(
    '/api/v1/sensors/:id',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Remove a sensor (tenant admin)',
        tags: ['sensors'],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      // Looked up in the caller's admin scope: another tenant's sensor is "not found", not "forbidden".
      const sensor = (await deps.state.sensors.list(auth.scope)).find((s) => s.id === request.params.id);
      if (sensor === undefined || !(await deps.state.sensors.delete(auth.scope, sensor.id))) fail('VAERN_ERR_NOT_FOUND');
      await recordAudit(deps, request, { tenant: sensor.tenant, action: 'sensor.delete', target: sensor.id, detail: { name: sensor.name } });
      app.emit(sensor.tenant, 'sensor.deleted', { id: sensor.id, name: sensor.name });
      return reply.code(204).send(null);
    },
  );
};
