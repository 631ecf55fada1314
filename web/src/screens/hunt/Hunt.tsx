import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { events, type HuntQuery } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { EventTable } from '../../components/EventTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { HuntForm } from './HuntForm.tsx';
import { Histogram } from './Histogram.tsx';
import { fillBuckets } from './fillBuckets.ts';
import { huntValuesOf, intervalFor, type HuntValues } from './huntParams.ts';

const LIMIT = 200;

export default function Hunt() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant } = useTenant();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const values = useMemo(() => huntValuesOf(new URLSearchParams(key)), [key]);
  const query: HuntQuery = { ...values, tenant };
  const interval = intervalFor(values.from, values.to);

  const results = useApi(() => events.search({ ...query, limit: LIMIT }), [key, tenant]);
  const histogram = useApi(() => events.histogram({ ...query, interval }), [key, tenant]);

  const search = (next: HuntValues) => setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v !== '')));

  return (
    <>
      <PageHeader title={t('hunt.title')} />
      <div className="stack">
      <Card title={t('hunt.criteria')}>
        <HuntForm key={key} initial={values} onSearch={search} />
      </Card>
      <Card title={t('hunt.overTime')}>
        {histogram.error ? <ErrorMessage error={histogram.error} /> : !histogram.data ? <Loading /> : <Histogram buckets={fillBuckets(histogram.data.buckets, values.from, values.to, histogram.data.interval)} interval={histogram.data.interval} />}
      </Card>
      <Card
        title={t('hunt.results')}
        actions={
          <a href={events.csvHref(query)} download>
            {t('hunt.csv')}
          </a>
        }
      >
        {results.error ? (
          <ErrorMessage error={results.error} />
        ) : !results.data ? (
          <Loading />
        ) : results.data.events.length === 0 ? (
          <Empty>{t('hunt.noResults')}</Empty>
        ) : (
          <>
            <p role="status">
              {results.data.events.length >= LIMIT
                ? t('hunt.firstResults', { count: LIMIT, formatted: fmt.number(LIMIT) })
                : t('hunt.resultCount', { count: results.data.events.length, formatted: fmt.number(results.data.events.length) })}
            </p>
            <EventTable events={results.data.events} caption={t('hunt.resultsCaption')} />
          </>
        )}
      </Card>
      </div>
    </>
  );
}
