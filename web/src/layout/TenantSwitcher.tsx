import { useTranslation } from 'react-i18next';
import { useTenant } from '../session/TenantContext.tsx';

/** Shown to users who may see more than one tenant (centre staff, or several municipalities). */
export function TenantSwitcher() {
  const { t } = useTranslation();
  const { tenant, tenants, setTenant } = useTenant();
  if (tenants.length < 2) {
    return tenants[0] ? <span className="tenant-name">{tenants[0].name}</span> : null;
  }
  return (
    <div className="tenant-switcher">
      <label htmlFor="tenant-select">{t('shell.tenant')}</label>
      <select id="tenant-select" value={tenant ?? ''} onChange={(e) => setTenant(e.target.value || undefined)}>
        <option value="">{t('shell.allTenants')}</option>
        {tenants.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </div>
  );
}
