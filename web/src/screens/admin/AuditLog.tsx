import { useTranslation } from 'react-i18next';
import { audit } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';

/** Who did what, and who looked at personal data: newest first. */
export function AuditLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant, tenantName } = useTenant();
  const list = useApi(() => audit.list({ tenant, limit: 200 }), [tenant]);
  return (
    <TableCard
      title={t('admin.audit')}
      state={list}
      rows={(d) => d.entries}
      rowKey={(e, i) => `${e.at}-${i}`}
      emptyText={t('admin.noAudit')}
      compact
      columns={[
        { id: 'when', header: t('admin.when'), cell: (e) => fmt.dateTime(e.at) },
        { id: 'actor', header: t('admin.actor'), rowHeader: true, cell: (e) => e.actor },
        { id: 'action', header: t('admin.action'), className: 'mono', cell: (e) => e.action },
        { id: 'target', header: t('admin.target'), className: 'mono', cell: (e) => e.target ?? '' },
        { id: 'tenant', header: t('common.tenant'), cell: (e) => (e.tenant === '*' ? t('admin.centreWide') : tenantName(e.tenant)) },
        { id: 'address', header: t('admin.address'), className: 'mono', cell: (e) => e.ip ?? '' },
      ]}
    />
  );
}
