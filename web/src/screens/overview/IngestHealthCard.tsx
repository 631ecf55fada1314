import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sensors } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { HealthBadge, healthOf } from '../../components/SensorHealth.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

export function IngestHealthCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant } = useTenant();
  const list = useApi(() => sensors.list(tenant), [tenant]);
  useStream('sensor', list.reload);

  let body;
  if (list.error) body = <ErrorMessage error={list.error} />;
  else if (!list.data) body = <Loading />;
  else if (list.data.sensors.length === 0) body = <Empty>{t('sensors.none')}</Empty>;
  else
    body = (
      <TableWrap>
        <table className="data-table compact">
          <caption className="visually-hidden">{t('ingest.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sensors.sensor')}</th>
              <th scope="col">{t('sensors.status')}</th>
              <th scope="col">{t('sensors.lastSeen')}</th>
              <th scope="col" className="num">
                {t('sensors.rejects')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.sensors.map((s) => (
              <tr key={`${s.tenant}/${s.id}`}>
                <th scope="row">{s.name}</th>
                <td>
                  <HealthBadge health={healthOf(s.live.lastSeen)} />
                </td>
                <td>{s.live.lastSeen ? fmt.relative(s.live.lastSeen) : '–'}</td>
                <td className="num">{fmt.number(s.live.rejects)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    );
  return (
    <Card title={t('ingest.title')} className="span-2" actions={<Link to="/sensors">{t('ingest.details')}</Link>}>
      {body}
    </Card>
  );
}
