import { useTranslation } from 'react-i18next';
import type { Grant, Role } from '../../api/types.ts';
import { useSession } from '../../session/AuthContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { SelectField } from '../../components/Field.tsx';
import { TenantSelect } from '../../components/TenantSelect.tsx';

const ROLES: Role[] = ['viewer', 'analyst', 'admin'];
const ROLE_KEYS: Record<Role, string> = { viewer: 'roles.viewer', analyst: 'roles.analyst', admin: 'roles.admin' };

/** One grant (tenant + role), as a pair of selects. Centre administrators can grant `*`. */
export function GrantEditor({ idPrefix, value, onChange }: { idPrefix: string; value: Grant; onChange: (g: Grant) => void }) {
  const { t } = useTranslation();
  const { isCentre } = useSession();
  return (
    <>
      <TenantSelect
        id={`${idPrefix}-tenant`}
        value={value.tenant}
        first={isCentre && { value: '*', label: t('admin.centreWide') }}
        onChange={(tenant) => onChange({ ...value, tenant })}
      />
      <SelectField
        id={`${idPrefix}-role`}
        label={t('admin.role')}
        value={value.role}
        options={ROLES.map((r) => ({ value: r, label: t(ROLE_KEYS[r]) }))}
        onChange={(role) => onChange({ ...value, role })}
      />
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
