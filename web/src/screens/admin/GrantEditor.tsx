import { useTranslation } from 'react-i18next';
import type { Grant, Role } from '../../api/types.ts';
import { useSession } from '../../session/AuthContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';

export const ROLES: Role[] = ['viewer', 'analyst', 'admin'];
export const ROLE_KEYS: Record<Role, string> = { viewer: 'roles.viewer', analyst: 'roles.analyst', admin: 'roles.admin' };

/** One grant (tenant + role), as a pair of selects. Centre administrators can grant `*`. */
export function GrantEditor({ idPrefix, value, onChange }: { idPrefix: string; value: Grant; onChange: (g: Grant) => void }) {
  const { t } = useTranslation();
  const { isCentre } = useSession();
  const { tenants } = useTenant();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-tenant`}>{t('common.tenant')}</label>
        <select id={`${idPrefix}-tenant`} value={value.tenant} onChange={(e) => onChange({ ...value, tenant: e.target.value })}>
          {isCentre && <option value="*">{t('admin.centreWide')}</option>}
          {tenants.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{t('admin.role')}</label>
        <select id={`${idPrefix}-role`} value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_KEYS[r])}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

export function GrantList({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  const { tenantName } = useTenant();
  return (
    <ul className="chips">
      {grants.map((g) => (
        <li key={`${g.tenant}:${g.role}`}>
          {g.tenant === '*' ? t('admin.centreWide') : tenantName(g.tenant)}: {t(ROLE_KEYS[g.role])}
        </li>
      ))}
    </ul>
  );
}
