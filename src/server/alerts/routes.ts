import { z } from 'zod';
import { SEVERITIES } from '../../detect/alert.ts';
import { recordAudit } from '../audit/record.ts';
import { authOf } from '../auth/hook.ts';
import { atLeast } from '../auth/grants.ts';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { TenantId } from '../schemas.ts';
import type { AuthContext, RegisterRoutes } from '../types.ts';
import { AlertListQuery, AlertParams, AlertRecord, alertRecord, SeverityCountsRecord, StatusChange, SuppressAlert, SuppressionRecord, suppressionRecord } from './schemas.ts';
import { addSuppression } from './suppressions.ts';

const HOUR_MS = 3_600_000;

/**
 * The alert queue: alerts detection raised (see src/app/detection.ts), read by viewers and
 * triaged by analysts. Every status change is audited and pushed to the stream as `alert`.
 */
export const alertRoutes: RegisterRoutes = (app, deps) => {
  const withSamples = (auth: AuthContext, tenant: string): boolean => atLeast(auth.roleIn(tenant), 'analyst');

  app.get(
    '/api/v1/alerts',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Alerts you can see, filtered and paged',
        tags: ['alerts'],
        querystring: AlertListQuery,
        response: { 200: z.object({ alerts: z.array(AlertRecord), total: z.number().int().describe('Matching alerts, all pages') }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { tenant: _narrowedByTheHook, ...q } = request.query;
      const { alerts, total } = await deps.state.alerts.list(auth.scope, q);
      return { alerts: alerts.map((a) => alertRecord(a, withSamples(auth, a.tenant))), total };
    },
  );

  app.get(
    '/api/v1/alerts/summary',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Open alerts by severity, per tenant you can see',
        tags: ['alerts'],
        querystring: z.object({ tenant: TenantId.optional() }),
        response: { 200: z.object({ tenants: z.array(SeverityCountsRecord) }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const [tenants, counted] = await Promise.all([deps.state.tenants.list(auth.scope), deps.state.alerts.countBySeverity(auth.scope, 'open')]);
      const byTenant = new Map(counted.map((c) => [c.tenant, c.counts]));
      // Every visible tenant gets a row, so a quiet municipality shows as zero rather than missing.
      const ids = [...new Set([...tenants.map((t) => t.id), ...byTenant.keys()])].sort();
      return {
        tenants: ids.map((tenant) => {
          const counts = byTenant.get(tenant) ?? { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
          return { tenant, counts: { ...counts }, total: SEVERITIES.reduce((n, s) => n + counts[s], 0) };
        }),
      };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One alert',
        tags: ['alerts'],
        params: AlertParams,
        querystring: z.object({ tenant: TenantId.optional() }),
        response: { 200: z.object({ alert: AlertRecord }), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const alert = await deps.state.alerts.get(auth.scope, request.params.id);
      if (alert === undefined) fail('VAERN_ERR_NOT_FOUND');
      return { alert: alertRecord(alert, withSamples(auth, alert.tenant)) };
    },
  );

  app.post(
    '/api/v1/alerts/status',
    {
      config: { role: 'analyst' },
      schema: {
        summary: 'Acknowledge, close or reopen alerts (analyst); ids outside your scope are ignored',
        tags: ['alerts'],
        body: StatusChange,
        response: { 200: z.object({ changed: z.array(z.string()).describe('Ids whose status changed') }), ...protectedErrors },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { ids, status } = request.body;
      const changes = await deps.state.alerts.setStatuses(auth.scope, ids, status, auth.user.username, deps.now());
      for (const { alert, previous } of changes) {
        await recordAudit(deps, request, { tenant: alert.tenant, action: 'alert.status', target: alert.id, detail: { from: previous, to: status } });
        app.emit(alert.tenant, 'alert', { id: alert.id, kind: 'status', status, severity: alert.severity, title: alert.title });
      }
      deps.detection?.alertStatusChanged(changes);
      return { changed: changes.map((c) => c.alert.id) };
    },
  );

  app.post(
    '/api/v1/alerts/:id/suppress',
    {
      config: { role: 'analyst' },
      schema: {
        summary: "Suppress alerts like this one (same tenant, detector and entity) for a while (analyst)",
        tags: ['alerts'],
        params: AlertParams,
        body: SuppressAlert,
        response: { 201: z.object({ suppression: SuppressionRecord }), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const alert = await deps.state.alerts.get(auth.scope, request.params.id);
      if (alert === undefined) fail('VAERN_ERR_NOT_FOUND');
      const { reason, durationHours } = request.body;
      const suppression = await addSuppression(deps, request, {
        tenant: alert.tenant,
        detector: alert.detector,
        entity: alert.entity,
        reason,
        expiresAt: deps.now() + durationHours * HOUR_MS,
      });
      return reply.code(201).send({ suppression: suppressionRecord(suppression) });
    },
  );
};
