import { useTranslation } from 'react-i18next';
import { sensors } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useInterval } from '../../hooks/useInterval.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RejectList } from './RejectList.tsx';
import { sensorKey, useSensorColumns } from './sensorColumns.tsx';
import { useRates } from './useRates.ts';

export default function Sensors() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant } = useTenant();
  const list = useApi(() => sensors.list(tenant), [tenant]);
  useStream('sensor', list.reload);
  useInterval(list.reload, 15_000);
  const rates = useRates(list.data?.sensors);
  const c = useSensorColumns();
  const rate = {
    id: 'rate',
    header: t('sensors.rate'),
    numeric: true,
    cell: (s: { id: string }) => {
      const r = rates.get(s.id);
      return r === undefined ? '–' : t('sensors.perSecond', { rate: fmt.number(Math.round(r * 10) / 10) });
    },
  };

  return (
    <>
      <PageHeader title={t('sensors.title')} />
      <div className="stack">
        <TableCard
          title={t('sensors.listTitle')}
          state={list}
          rows={(d) => d.sensors}
          rowKey={sensorKey}
          emptyText={t('sensors.none')}
          columns={[c.name, !tenant && c.tenant, c.format, c.match, c.status, c.lastSeen, rate, c.events, c.rejects]}
        >
          <p className="muted">{t('sensors.countersNote')}</p>
        </TableCard>
        <RejectList />
      </div>
    </>
  );
}
