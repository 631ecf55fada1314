import { useTranslation } from 'react-i18next';
import { rejects } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { usePeriod } from '../../hooks/usePeriod.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { RangePicker } from '../../components/RangePicker.tsx';

const LIMIT = 100;
const RAW_SHOWN = 160;

/** Input that could not be decoded, with the decoder's reason, newest first. */
export function RejectList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant, tenantName } = useTenant();
  const [period, setRange] = usePeriod('24h');
  const list = useApi(() => rejects.list({ from: period.from, to: period.to, tenant, limit: LIMIT }), [period, tenant]);

  return (
    <TableCard
      title={t('rejects.title')}
      state={list}
      rows={(d) => d.rejects}
      rowKey={(r, i) => `${r.receivedAt}-${i}`}
      emptyText={t('rejects.none')}
      compact
      actions={<RangePicker value={period.range} onChange={setRange} />}
      columns={[
        { id: 'received', header: t('rejects.received'), cell: (r) => fmt.dateTime(r.receivedAt) },
        !tenant && { id: 'tenant', header: t('common.tenant'), cell: (r) => tenantName(r.tenant) },
        { id: 'sensor', header: t('sensors.sensor'), cell: (r) => r.sensor },
        { id: 'origin', header: t('rejects.origin'), className: 'mono', cell: (r) => (r.line === undefined ? r.origin : `${r.origin}:${r.line}`) },
        { id: 'format', header: t('sensors.format'), cell: (r) => r.format },
        { id: 'reason', header: t('rejects.reason'), rowHeader: true, cell: (r) => r.reason },
        {
          id: 'raw',
          header: t('rejects.raw'),
          cell: (r) => <code title={r.raw}>{r.raw.length > RAW_SHOWN ? `${r.raw.slice(0, RAW_SHOWN)}…` : r.raw}</code>,
        },
      ]}
    />
  );
}
