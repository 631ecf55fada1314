import { useTranslation } from 'react-i18next';
import { audit } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

/** Who did what, and who looked at personal data: newest first. */
export function AuditLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant, tenantName } = useTenant();
  const list = useApi(() => audit.list({ tenant, limit: 200 }), [tenant]);
  return (
    <Card title={t('admin.audit')}>
      {list.error ? (
        <ErrorMessage error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.entries.length === 0 ? (
        <Empty>{t('admin.noAudit')}</Empty>
      ) : (
        <TableWrap>
          <table className="data-table compact">
            <caption className="visually-hidden">{t('admin.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.when')}</th>
                <th scope="col">{t('admin.actor')}</th>
                <th scope="col">{t('admin.action')}</th>
                <th scope="col">{t('admin.target')}</th>
                <th scope="col">{t('common.tenant')}</th>
                <th scope="col">{t('admin.address')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>{fmt.dateTime(e.at)}</td>
                  <th scope="row">{e.actor}</th>
                  <td className="mono">{e.action}</td>
                  <td className="mono">{e.target ?? ''}</td>
                  <td>{e.tenant === '*' ? t('admin.centreWide') : tenantName(e.tenant)}</td>
                  <td className="mono">{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}
