import { useTranslation } from 'react-i18next';
import { useTenant } from '../session/TenantContext.tsx';
import { TenantSelect } from '../components/TenantSelect.tsx';

/** Shown to users who may see more than one tenant (centre staff, or several municipalities). */
export function TenantSwitcher() {
  const { t } = useTranslation();
  const { tenant, tenants, setTenant } = useTenant();
  if (tenants.length < 2) {
    return tenants[0] ? <span className="tenant-name">{tenants[0].name}</span> : null;
  }
  return (
    <TenantSelect
      id="tenant-select"
      label={t('shell.tenant')}
      inline
      value={tenant ?? ''}
      first={{ value: '', label: t('shell.allTenants') }}
      onChange={(id) => setTenant(id || undefined)}
    />
  );
}
