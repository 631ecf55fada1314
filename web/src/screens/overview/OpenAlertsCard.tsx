import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { alerts } from '../../api/endpoints.ts';
import { isMissingRoute } from '../../api/errors.ts';
import { SEVERITIES } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { SeverityBadge } from '../../components/SeverityBadge.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';

export function OpenAlertsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant } = useTenant();
  const open = useApi(() => alerts.list({ tenant, status: 'open' }), [tenant]);
  useStream('alert', open.reload);

  let body;
  if (isMissingRoute(open.error)) body = <Empty>{t('alerts.unavailable')}</Empty>;
  else if (open.error) body = <ErrorMessage error={open.error} />;
  else if (!open.data) body = <Loading />;
  else {
    const list = open.data.alerts;
    body = (
      <table className="data-table compact">
        <caption className="visually-hidden">{t('openAlerts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('alerts.severity')}</th>
            <th scope="col" className="num">
              {t('openAlerts.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((s) => (
            <tr key={s}>
              <th scope="row">
                <SeverityBadge severity={s} />
              </th>
              <td className="num">{fmt.number(list.filter((a) => a.severity === s).length)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <Card title={t('openAlerts.title')} actions={<Link to="/alerts">{t('openAlerts.viewAll')}</Link>}>
      {body}
    </Card>
  );
}
