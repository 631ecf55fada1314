import { z } from 'zod';
import { ALL_TENANTS } from '../../model/tenant.ts';
import { recordAudit } from '../audit/record.ts';
import { authOf } from '../auth/hook.ts';
import { ErrorBody, fail, protectedErrors } from '../errors.ts';
import { TenantId } from '../schemas.ts';
import type { RegisterRoutes } from '../types.ts';
import { TenantBody, TenantPatch, TenantRecord, tenantRecord } from './schemas.ts';

/** Municipalities. Everyone sees the ones they hold a role in; only centre admins create or change them. */
export const tenantRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    '/api/v1/tenants',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Tenants you can see',
        tags: ['tenants'],
        querystring: z.object({ tenant: TenantId.optional() }),
        response: { 200: z.object({ tenants: z.array(TenantRecord) }), ...protectedErrors },
      },
    },
    async (request) => ({ tenants: (await deps.state.tenants.list(authOf(request).scope)).map(tenantRecord) }),
  );

  app.post(
    '/api/v1/tenants',
    {
      config: { role: 'admin', centre: true },
      schema: {
        summary: 'Create a tenant (centre admin)',
        tags: ['tenants'],
        body: TenantBody,
        response: { 201: z.object({ tenant: TenantRecord }), ...protectedErrors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      if ((await deps.state.tenants.get(ALL_TENANTS, request.body.id)) !== undefined) fail('VAERN_ERR_CONFLICT', 'A tenant with this id exists');
      const tenant = await deps.state.tenants.upsert(request.body);
      await recordAudit(deps, request, { tenant: tenant.id, action: 'tenant.create', target: tenant.id, detail: { ...request.body } });
      return reply.code(201).send({ tenant: tenantRecord(tenant) });
    },
  );

  app.patch(
    '/api/v1/tenants/:id',
    {
      config: { role: 'admin', centre: true },
      schema: {
        summary: 'Change a tenant (centre admin)',
        tags: ['tenants'],
        params: z.object({ id: TenantId }),
        body: TenantPatch,
        response: { 200: z.object({ tenant: TenantRecord }), ...protectedErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const current = await deps.state.tenants.get(ALL_TENANTS, request.params.id);
      if (current === undefined) fail('VAERN_ERR_NOT_FOUND');
      const { name, country, networks } = request.body;
      const tenant = await deps.state.tenants.upsert({
        id: current.id,
        name: name ?? current.name,
        country: country ?? current.country,
        networks: networks ?? current.networks,
      });
      // The previous values of what changed, so the log can answer "what was the range before?".
      const previous = Object.fromEntries(Object.keys(request.body).map((k) => [k, tenantRecord(current)[k as keyof typeof request.body]]));
      await recordAudit(deps, request, { tenant: tenant.id, action: 'tenant.update', target: tenant.id, detail: { ...request.body, previous } });
      return { tenant: tenantRecord(tenant) };
    },
  );
};
