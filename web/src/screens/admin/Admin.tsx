import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { UsersAdmin } from './UsersAdmin.tsx';
import { TenantsAdmin } from './TenantsAdmin.tsx';
import { TokensAdmin } from './TokensAdmin.tsx';
import { SensorsAdmin } from './SensorsAdmin.tsx';
import { AuditLog } from './AuditLog.tsx';

export default function Admin() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('admin.title')} />
      <Tabs
        label={t('admin.title')}
        tabs={[
          { id: 'users', label: t('admin.users'), panel: () => <UsersAdmin /> },
          { id: 'tenants', label: t('admin.tenants'), panel: () => <TenantsAdmin /> },
          { id: 'tokens', label: t('admin.tokens'), panel: () => <TokensAdmin /> },
          { id: 'sensors', label: t('admin.sensors'), panel: () => <SensorsAdmin /> },
          { id: 'audit', label: t('admin.audit'), panel: () => <AuditLog /> },
        ]}
      />
    </>
  );
}
