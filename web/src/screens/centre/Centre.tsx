import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { alerts, sensors, stats } from '../../api/endpoints.ts';
import type { Sensor, Tenant } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { usePeriod } from '../../hooks/usePeriod.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RangePicker } from '../../components/RangePicker.tsx';
import { HealthBadge, healthOf } from '../../components/SensorHealth.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';

interface TenantFigures {
  tenant: Tenant;
  attempts: number;
  openAlerts: number;
  sensors: Sensor[];
}

/** Every municipality side by side, the ones that need attention first. */
export default function Centre() {
  const { t } = useTranslation();
  const { tenants } = useTenant();
  const [period, setRange] = usePeriod();
  const figures = useApi(async (): Promise<TenantFigures[]> => {
    const [attempts, summary, sensorList] = await Promise.all([
      Promise.all(tenants.map((x) => stats.breachAttempts({ from: period.from, to: period.to, tenant: x.id, by: 'country' }))),
      alerts.summary(),
      sensors.list().then((r) => r.sensors),
    ]);
    const open = new Map(summary.tenants.map((s) => [s.tenant, s.total]));
    const rows = tenants.map((tenant, i) => ({
      tenant,
      attempts: attempts[i]!.total,
      openAlerts: open.get(tenant.id) ?? 0,
      sensors: sensorList.filter((s) => s.tenant === tenant.id),
    }));
    return rows.sort((a, b) => b.openAlerts - a.openAlerts || b.attempts - a.attempts);
  }, [tenants, period]);
  useStream('alert', figures.reload);
  useStream('sensor', figures.reload);

  return (
    <>
      <PageHeader title={t('centre.title')}>
        <RangePicker value={period.range} onChange={setRange} />
      </PageHeader>
      <p className="muted">{t('centre.intro')}</p>
      {figures.error ? (
        <ErrorMessage error={figures.error} />
      ) : !figures.data ? (
        <Loading />
      ) : (
        <ul className="centre-grid plain-list">
          {figures.data.map((f) => (
            <li key={f.tenant.id}>
              <TenantCard figures={f} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function TenantCard({ figures }: { figures: TenantFigures }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { setTenant } = useTenant();
  const navigate = useNavigate();
  const { tenant, openAlerts } = figures;
  const receiving = figures.sensors.filter((s) => healthOf(s.live.lastSeen) === 'receiving').length;
  const worst = figures.sensors.map((s) => healthOf(s.live.lastSeen)).find((h) => h === 'silent' || h === 'never');
  const headingId = `centre-${tenant.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {tenant.name} <span className="muted">{fmt.country(tenant.country)}</span>
      </h2>
      <dl className="facts">
        <dt>{t('centre.attempts')}</dt>
        <dd>{fmt.number(figures.attempts)}</dd>
        <dt>{t('centre.openAlerts')}</dt>
        <dd>{fmt.number(openAlerts)}</dd>
        <dt>{t('centre.sensors')}</dt>
        <dd>
          {t('centre.sensorsReceiving', { receiving: fmt.number(receiving), total: fmt.number(figures.sensors.length) })}
          {worst && (
            <>
              {' '}
              <HealthBadge health={worst} />
            </>
          )}
        </dd>
      </dl>
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          setTenant(tenant.id);
          navigate('/');
        }}
      >
        {t('centre.open', { name: tenant.name })}
      </button>
    </article>
  );
}
