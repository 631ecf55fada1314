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

const TenantName = z.string().min(1).max(200);
const Networks = z.array(Cidr).max(1000);

export const TenantBody = z.strictObject({
  id: TenantId,
  name: TenantName,
  country: Country.default('DK'),
  networks: Networks.default([]),
});

/** Written out rather than derived: `.partial()` would keep the defaults and reset omitted fields. */
export const TenantPatch = z.strictObject({
  name: TenantName.optional(),
  country: Country.optional(),
  networks: Networks.optional(),
});

export function tenantRecord(t: Tenant): z.infer<typeof TenantRecord> {
  return { id: t.id, name: t.name, country: t.country, networks: [...t.networks], createdAt: t.createdAt };
}
