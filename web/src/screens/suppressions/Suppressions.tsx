import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { suppressions } from '../../api/endpoints.ts';
import type { Suppression } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useMutation } from '../../hooks/useMutation.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { HiddenHeader } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/Field.tsx';
import { StatusNotice } from '../../components/Notices.tsx';

type Include = 'active' | 'all';

/**
 * Suppression rules in the chosen tenants: those in force, or with the expired ones that explain
 * why alerts were quiet in the past. Analysts of a rule's tenant may remove it (the server says
 * which, per rule); the removal is audited and the engine raises matching alerts again.
 */
export default function Suppressions() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant, tenants, tenantName } = useTenant();
  const [include, setInclude] = useState<Include>('active');
  const list = useApi(() => suppressions.list({ tenant, include }), [tenant, include]);
  const mutation = useMutation(list.reload);
  const remove = (s: Suppression) => {
    if (window.confirm(t('suppressions.confirmRemove', { entity: s.entity }))) {
      void mutation.run(() => suppressions.remove(s.id), t('suppressions.removed', { entity: s.entity }));
    }
  };

  return (
    <>
      <PageHeader title={t('suppressions.title')}>
        <SelectField
          id="suppressions-include"
          label={t('suppressions.show')}
          inline
          value={include}
          options={[
            { value: 'active', label: t('suppressions.showActive') },
            { value: 'all', label: t('suppressions.showAll') },
          ]}
          onChange={setInclude}
        />
      </PageHeader>
      <div className="stack">
        <p className="muted">{t('suppressions.intro')}</p>
        <StatusNotice message={mutation.message} />
        <TableCard
          title={t('suppressions.list')}
          state={list}
          rows={(d) => d.suppressions}
          rowKey={(s) => s.id}
          emptyText={t('suppressions.none')}
          columns={[
            { id: 'entity', header: t('suppressions.entity'), rowHeader: true, className: 'mono', cell: (s) => s.entity },
            { id: 'detector', header: t('alerts.detector'), cell: (s) => s.detector ?? t('suppressions.anyDetector') },
            tenants.length > 1 && { id: 'tenant', header: t('common.tenant'), cell: (s) => (s.tenant === '*' ? t('suppressions.everyTenant') : tenantName(s.tenant)) },
            { id: 'reason', header: t('suppressions.reason'), cell: (s) => s.reason },
            { id: 'owner', header: t('suppressions.owner'), cell: (s) => s.owner },
            { id: 'created', header: t('suppressions.created'), cell: (s) => fmt.dateTime(s.createdAt) },
            {
              id: 'expires',
              header: t('suppressions.expires'),
              cell: (s) => <time dateTime={new Date(s.expiresAt).toISOString()}>{`${fmt.dateTime(s.expiresAt)} (${fmt.relative(s.expiresAt)})`}</time>,
            },
            { id: 'state', header: t('suppressions.state'), cell: (s) => (s.active ? t('suppressions.active') : t('suppressions.expired')) },
            {
              id: 'actions',
              header: <HiddenHeader>{t('admin.actions')}</HiddenHeader>,
              cell: (s) =>
                s.removable && (
                  <button type="button" className="button-danger" disabled={mutation.busy} onClick={() => remove(s)}>
                    {t('suppressions.remove', { entity: s.entity })}
                  </button>
                ),
            },
          ]}
        />
      </div>
    </>
  );
}
