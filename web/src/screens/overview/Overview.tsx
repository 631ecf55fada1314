import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { stats } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { usePeriod } from '../../hooks/usePeriod.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RangePicker } from '../../components/RangePicker.tsx';
import { Card } from '../../components/Card.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { WorldMap } from './WorldMap.tsx';
import { CountryTable } from './CountryTable.tsx';
import { TrendCard } from './TrendCard.tsx';
import { OpenAlertsCard } from './OpenAlertsCard.tsx';
import { IngestHealthCard } from './IngestHealthCard.tsx';

export default function Overview() {
  const { t } = useTranslation();
  const { tenant } = useTenant();
  const [period, setRange] = usePeriod();
  const current = useApi(() => stats.breachAttempts({ from: period.from, to: period.to, tenant, by: 'country' }), [period, tenant]);
  const previous = useApi(() => stats.breachAttempts({ ...period.previous, tenant, by: 'country' }), [period, tenant]);
  useStream('stats', current.reload);
  const counts = useMemo(() => new Map((current.data?.rows ?? []).map((r) => [r.key, r.count])), [current.data]);

  return (
    <>
      <PageHeader title={t('overview.title')}>
        <RangePicker value={period.range} onChange={setRange} />
      </PageHeader>
      <div className="overview-grid">
        <Card title={t('overview.mapTitle')} className="span-all">
          {current.error ? (
            <ErrorMessage error={current.error} />
          ) : !current.data ? (
            <Loading />
          ) : (
            <div className="map-and-table">
              <WorldMap counts={counts} />
              {current.data.rows.length === 0 ? (
                <Empty>{t('overview.noAttempts')}</Empty>
              ) : (
                <CountryTable rows={current.data.rows} total={current.data.total} />
              )}
            </div>
          )}
        </Card>
        <TrendCard range={period.range} current={current.data?.total} previous={previous.data?.total} />
        <OpenAlertsCard />
        <IngestHealthCard />
      </div>
    </>
  );
}
