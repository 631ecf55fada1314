import { useTranslation } from 'react-i18next';
import { sensors } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useInterval } from '../../hooks/useInterval.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { HealthBadge, healthOf } from '../../components/SensorHealth.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { MatchText } from './MatchText.tsx';
import { RejectList } from './RejectList.tsx';
import { useRates } from './useRates.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

export default function Sensors() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant, tenantName } = useTenant();
  const list = useApi(() => sensors.list(tenant), [tenant]);
  useStream('sensor', list.reload);
  useInterval(list.reload, 15_000);
  const rates = useRates(list.data?.sensors);

  return (
    <>
      <PageHeader title={t('sensors.title')} />
      <div className="stack">
        <Card title={t('sensors.listTitle')}>
          {list.error ? (
            <ErrorMessage error={list.error} />
          ) : !list.data ? (
            <Loading />
          ) : list.data.sensors.length === 0 ? (
            <Empty>{t('sensors.none')}</Empty>
          ) : (
            <TableWrap>
              <table className="data-table">
                <caption className="visually-hidden">{t('sensors.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sensors.sensor')}</th>
                    {!tenant && <th scope="col">{t('common.tenant')}</th>}
                    <th scope="col">{t('sensors.format')}</th>
                    <th scope="col">{t('sensors.match')}</th>
                    <th scope="col">{t('sensors.status')}</th>
                    <th scope="col">{t('sensors.lastSeen')}</th>
                    <th scope="col" className="num">
                      {t('sensors.rate')}
                    </th>
                    <th scope="col" className="num">
                      {t('sensors.events')}
                    </th>
                    <th scope="col" className="num">
                      {t('sensors.rejects')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.sensors.map((s) => {
                    const rate = rates.get(s.id);
                    return (
                      <tr key={s.id}>
                        <th scope="row">{s.name}</th>
                        {!tenant && <td>{tenantName(s.tenant)}</td>}
                        <td>{s.format}</td>
                        <td>
                          <MatchText match={s.match} />
                        </td>
                        <td>
                          <HealthBadge health={healthOf(s.live.lastSeen)} />
                        </td>
                        <td>{s.live.lastSeen ? fmt.relative(s.live.lastSeen) : '–'}</td>
                        <td className="num">{rate === undefined ? '–' : t('sensors.perSecond', { rate: fmt.number(Math.round(rate * 10) / 10) })}</td>
                        <td className="num">{fmt.number(s.live.events)}</td>
                        <td className="num">{fmt.number(s.live.rejects)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p className="muted">{t('sensors.countersNote')}</p>
        </Card>
        <RejectList />
      </div>
    </>
  );
}
