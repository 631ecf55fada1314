import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { alerts } from '../../api/endpoints.ts';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Loaded } from '../../components/Loaded.tsx';
import { StatusNotice } from '../../components/Notices.tsx';
import { AlertFilters, type AlertFilterValues } from './AlertFilters.tsx';
import { AlertQueue } from './AlertQueue.tsx';
import { AlertDetail } from './AlertDetail.tsx';

/** The newest alerts of the chosen status; severity and text narrow them here. */
const LIMIT = 1000;

function pick<T extends string>(allowed: readonly T[], value: string | null): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

export default function Alerts() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant } = useTenant();
  const { alertId } = useParams();
  const [params, setParams] = useSearchParams();
  const filters: AlertFilterValues = {
    status: params.has('status') ? pick<AlertStatus>(ALERT_STATUSES, params.get('status')) : 'open',
    severity: pick<Severity>(SEVERITIES, params.get('severity')),
    text: params.get('q') ?? '',
  };
  const setFilters = (next: AlertFilterValues) =>
    setParams(
      (p) => {
        p.set('status', next.status);
        if (next.severity) p.set('severity', next.severity);
        else p.delete('severity');
        if (next.text) p.set('q', next.text);
        else p.delete('q');
        return p;
      },
      { replace: true },
    );

  const list = useApi(() => alerts.list({ tenant, status: filters.status || undefined, limit: LIMIT }), [tenant, filters.status]);
  useStream('alert', list.reload);
  const [notice, setNotice] = useState('');

  const shown = useMemo(() => {
    const text = filters.text.trim().toLowerCase();
    return (list.data?.alerts ?? []).filter(
      (a) =>
        (filters.severity === '' || a.severity === filters.severity) &&
        (text === '' || [a.title, a.entity, a.detector, a.technique.id].some((s) => s.toLowerCase().includes(text))),
    );
  }, [list.data, filters.severity, filters.text]);

  const onChanged = (message: string) => {
    setNotice(message);
    list.reload();
  };

  return (
    <>
      <PageHeader title={t('alerts.title')} />
      <StatusNotice message={notice} />
      <div className={alertId ? 'alert-layout' : undefined}>
        <section aria-label={t('alerts.queue')}>
          <AlertFilters value={filters} onChange={setFilters} />
          <Loaded state={list}>
            {(d) => (
              <>
                {d.total > d.alerts.length && <p className="muted">{t('alerts.partial', { shown: fmt.number(d.alerts.length), total: fmt.number(d.total) })}</p>}
                <AlertQueue alerts={shown} selectedId={alertId} onChanged={onChanged} />
              </>
            )}
          </Loaded>
        </section>
        {alertId && (
          <AlertDetail id={alertId} onChanged={onChanged} />
        )}
      </div>
    </>
  );
}
