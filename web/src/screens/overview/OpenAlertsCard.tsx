import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { alerts } from '../../api/endpoints.ts';
import { SEVERITIES, type AlertSummary, type Severity } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { SeverityBadge } from '../../components/SeverityBadge.tsx';
import { TableCard } from '../../components/TableCard.tsx';

/** Open alerts per severity, summed over the tenants shown. */
function bySeverity(tenants: AlertSummary[]): { severity: Severity; open: number }[] {
  return SEVERITIES.map((severity) => ({ severity, open: tenants.reduce((n, r) => n + r.counts[severity], 0) }));
}

export function OpenAlertsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant } = useTenant();
  const summary = useApi(() => alerts.summary(tenant), [tenant]);
  useStream('alert', summary.reload);
  return (
    <TableCard
      title={t('openAlerts.title')}
      actions={<Link to="/alerts">{t('openAlerts.viewAll')}</Link>}
      state={summary}
      rows={(d) => bySeverity(d.tenants)}
      rowKey={(r) => r.severity}
      compact
      columns={[
        { id: 'severity', header: t('alerts.severity'), rowHeader: true, cell: (r) => <SeverityBadge severity={r.severity} /> },
        { id: 'open', header: t('openAlerts.count'), numeric: true, cell: (r) => fmt.number(r.open) },
      ]}
    />
  );
}
