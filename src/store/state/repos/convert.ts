import type { RoleGrant, Role } from '../state-store.ts';
import { ROLES } from '../state-store.ts';

/** int8 comes back as a number from PGlite and as a string from node-postgres. */
export function ms(value: number | string): number {
  return Number(value);
}

export function msOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** Grants read from the database; a role the code no longer knows is dropped, not trusted. */
export function toGrants(rows: readonly { tenant: string; role: string }[]): RoleGrant[] {
  return rows.filter((r) => (ROLES as readonly string[]).includes(r.role)).map((r) => ({ tenant: r.tenant, role: r.role as Role }));
}
