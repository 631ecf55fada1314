import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sensors } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useStream } from '../../live/StreamContext.tsx';
import { useTenant } from '../../session/TenantContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { sensorKey, useSensorColumns } from '../sensors/sensorColumns.tsx';

export function IngestHealthCard() {
  const { t } = useTranslation();
  const { tenant } = useTenant();
  const list = useApi(() => sensors.list(tenant), [tenant]);
  useStream('sensor', list.reload);
  const c = useSensorColumns();
  return (
    <TableCard
      title={t('ingest.title')}
      state={list}
      rows={(d) => d.sensors}
      rowKey={sensorKey}
      emptyText={t('sensors.none')}
      compact
      className="span-2"
      actions={<Link to="/sensors">{t('ingest.details')}</Link>}
      columns={[c.name, c.status, c.lastSeen, c.rejects]}
    />
  );
}
