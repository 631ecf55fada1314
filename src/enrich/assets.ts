import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TENANT_ID_PATTERN } from '../model/tenant.ts';
import { CidrError, parseCidr, type IpAddr } from './ip.ts';
import { innermost, PrefixMap } from './prefix-map.ts';

/**
 * Asset and zone inventory: which zone, sectors and criticality an internal address belongs to.
 *
 * One file per tenant, `<tenant>.yaml` (or `.yml`, `.json`) in an inventory directory:
 *
 * ```yaml
 * assets:
 *   - { cidr: 10.20.0.0/16, zone: internal, sectors: [administration], criticality: medium }
 *   - { cidr: 10.20.30.0/24, zone: internal, sectors: [health], criticality: high, name: Plejecenter Solbakken }
 *   - { cidr: 10.99.0.0/24, zone: ot, sectors: [ot, water], criticality: critical, name: Vandværk SCADA }
 *   - { cidr: 192.0.2.0/28, zone: dmz, sectors: [administration], criticality: high, name: Web }
 * ```
 *
 * The most specific block wins (a health subnet inside the administration /16 is health).
 */

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a lower-case slug such as `internal` or `health`');

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const AssetSchema = z
  .object({
    cidr: z.string().describe('Address block, e.g. `10.20.30.0/24` or `2001:db8:20::/48`.'),
    zone: slug.describe('Network zone, e.g. `outside`, `dmz`, `internal`, `ot`, `guest`.'),
    sectors: z.array(slug).default([]).describe('Sector tags, e.g. `health`, `school`, `administration`, `ot`, `water`.'),
    criticality: z.enum(CRITICALITIES).default('medium').describe('How much the assets matter: low, medium, high or critical.'),
    name: z.string().min(1).optional().describe('Human name of the block or asset.'),
  })
  .strict();
export type Asset = z.infer<typeof AssetSchema>;

export const AssetFileSchema = z.object({ assets: z.array(AssetSchema) }).strict();

export class AssetInventoryError extends Error {
  override name = 'AssetInventoryError';
}

/** Parse one tenant's inventory document (YAML or JSON text). Throws `AssetInventoryError`. */
export function parseAssetFile(text: string, origin: string): Asset[] {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new AssetInventoryError(`${origin}: ${(err as Error).message}`);
  }
  const parsed = AssetFileSchema.safeParse(raw);
  if (!parsed.success) throw new AssetInventoryError(`${origin}: ${z.prettifyError(parsed.error)}`);
  for (const [i, a] of parsed.data.assets.entries()) {
    try {
      parseCidr(a.cidr);
    } catch (err) {
      if (err instanceof CidrError) throw new AssetInventoryError(`${origin}: assets[${i}].cidr: ${err.message}`);
      throw err;
    }
  }
  return parsed.data.assets;
}

export class AssetInventory {
  private readonly byTenant: ReadonlyMap<string, PrefixMap<Asset>>;

  private constructor(byTenant: ReadonlyMap<string, PrefixMap<Asset>>) {
    this.byTenant = byTenant;
  }

  /** Build from assets per tenant (CIDRs must be valid: `parseAssetFile` checks them). */
  static from(assets: ReadonlyMap<string, readonly Asset[]>): AssetInventory {
    const byTenant = new Map<string, PrefixMap<Asset>>();
    for (const [tenant, list] of assets) {
      byTenant.set(tenant, PrefixMap.build(list.map((a) => ({ cidr: parseCidr(a.cidr), item: a })), innermost));
    }
    return new AssetInventory(byTenant);
  }

  /** Read `<tenant>.yaml|.yml|.json` files from `dir`; other files are ignored. */
  static loadDir(dir: string): AssetInventory {
    const assets = new Map<string, Asset[]>();
    for (const file of readdirSync(dir).sort()) {
      const ext = extname(file);
      if (ext !== '.yaml' && ext !== '.yml' && ext !== '.json') continue;
      const tenant = basename(file, ext);
      if (!TENANT_ID_PATTERN.test(tenant)) throw new AssetInventoryError(`${join(dir, file)}: file name must be a tenant id`);
      if (assets.has(tenant)) throw new AssetInventoryError(`${join(dir, file)}: a second inventory for tenant ${tenant}`);
      assets.set(tenant, parseAssetFile(readFileSync(join(dir, file), 'utf8'), join(dir, file)));
    }
    return AssetInventory.from(assets);
  }

  /** The most specific asset block of `tenant` holding `addr`. */
  lookup(tenant: string, addr: IpAddr): Asset | undefined {
    return this.byTenant.get(tenant)?.get(addr);
  }

  /** The tenant's compiled inventory, so a batch resolves it once rather than per event. */
  forTenant(tenant: string): PrefixMap<Asset> | undefined {
    return this.byTenant.get(tenant);
  }
}
