import { z } from 'zod';
import type { Tenant } from '../../store/state/state-store.ts';
import { Cidr, TenantId } from '../schemas.ts';

export const Country = z.enum(['DK', 'NO']).describe('Country of the municipality');

export const TenantRecord = z.object({
  id: TenantId,
  name: z.string(),
  country: z.string(),
  networks: z.array(z.string()).describe("The municipality's own address ranges"),
  createdAt: z.number().int().describe('Epoch ms'),
});

export const TenantBody = z.strictObject({
  id: TenantId,
  name: z.string().min(1).max(200),
  country: Country.default('DK'),
  networks: z.array(Cidr).max(1000).default([]),
});

export const TenantPatch = TenantBody.omit({ id: true }).partial();

export function tenantRecord(t: Tenant): z.infer<typeof TenantRecord> {
  return { id: t.id, name: t.name, country: t.country, networks: [...t.networks], createdAt: t.createdAt };
}
