import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Tenant } from '../api/types.ts';
import { useSession } from './AuthContext.tsx';

interface TenantValue {
  /** The tenant the screens are narrowed to, or `undefined` for every tenant the user may see. */
  tenant: string | undefined;
  setTenant(id: string | undefined): void;
  /** The tenants the user may see. */
  tenants: Tenant[];
  tenantName(id: string): string;
}

const TenantContext = createContext<TenantValue | null>(null);
const STORAGE_KEY = 'vaern.tenant';

export function TenantProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const tenants = me.tenants;
  const [stored, setStored] = useState(() => sessionStorage.getItem(STORAGE_KEY) ?? '');
  // A user with one tenant is always narrowed to it; a stale choice from another user is dropped.
  const tenant = tenants.length === 1 ? tenants[0]!.id : tenants.some((t) => t.id === stored) ? stored : undefined;

  const value = useMemo<TenantValue>(() => {
    const names = new Map(tenants.map((t) => [t.id, t.name]));
    return {
      tenant,
      tenants,
      setTenant: (id) => {
        sessionStorage.setItem(STORAGE_KEY, id ?? '');
        setStored(id ?? '');
      },
      tenantName: (id) => names.get(id) ?? id,
    };
  }, [tenant, tenants]);

  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

export function useTenant(): TenantValue {
  const value = useContext(TenantContext);
  if (value === null) throw new Error('useTenant outside TenantProvider');
  return value;
}
