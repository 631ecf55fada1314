import { useTranslation } from 'react-i18next';
import type { Sensor } from '../../api/types.ts';
import type { Column } from '../../components/DataTable.tsx';
import { HealthBadge, healthOf } from '../../components/SensorHealth.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { MatchText } from './MatchText.tsx';

/** The sensor columns the sensor list, the overview's ingest health and administration share. */
export function useSensorColumns() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenantName } = useTenant();
  return {
    name: { id: 'name', header: t('sensors.sensor'), rowHeader: true, cell: (s) => s.name },
    tenant: { id: 'tenant', header: t('common.tenant'), cell: (s) => tenantName(s.tenant) },
    format: { id: 'format', header: t('sensors.format'), cell: (s) => s.format },
    match: { id: 'match', header: t('sensors.match'), cell: (s) => <MatchText match={s.match} /> },
    status: { id: 'status', header: t('sensors.status'), cell: (s) => <HealthBadge health={healthOf(s.live.lastSeen)} /> },
    lastSeen: { id: 'lastSeen', header: t('sensors.lastSeen'), cell: (s) => (s.live.lastSeen ? fmt.relative(s.live.lastSeen) : '–') },
    events: { id: 'events', header: t('sensors.events'), numeric: true, cell: (s) => fmt.number(s.live.events) },
    rejects: { id: 'rejects', header: t('sensors.rejects'), numeric: true, cell: (s) => fmt.number(s.live.rejects) },
  } satisfies Record<string, Column<Sensor>>;
}

/** Sensors of several tenants may share a name. */
export const sensorKey = (s: Sensor): string => `${s.tenant}/${s.id}`;
