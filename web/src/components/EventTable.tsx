import { useTranslation } from 'react-i18next';
import { display, ecsValue } from '../api/ecs.ts';
import type { EventDoc } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { DataTable } from './DataTable.tsx';

/** The columns an analyst reads first; the full event is one click away in the CSV or API. */
const COLUMNS = [
  { field: '@timestamp', labelKey: 'events.time' },
  { field: 'event.action', labelKey: 'events.action' },
  { field: 'source.ip', labelKey: 'events.source' },
  { field: 'source.geo.country_iso_code', labelKey: 'events.country' },
  { field: 'destination.ip', labelKey: 'events.destination' },
  { field: 'destination.port', labelKey: 'events.port' },
  { field: 'network.transport', labelKey: 'events.transport' },
  { field: 'vaern.sensor', labelKey: 'events.sensor' },
] as const;

export function EventTable({ events, caption }: { events: EventDoc[]; caption: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <DataTable
      caption={caption}
      showCaption
      compact
      rows={events}
      rowKey={(_, i) => String(i)}
      columns={COLUMNS.map((c) => ({
        id: c.field,
        header: t(c.labelKey),
        className: c.field.endsWith('.ip') ? 'mono' : undefined,
        cell: (e: EventDoc) => {
          const value = ecsValue(e, c.field);
          return c.field === '@timestamp' && value !== undefined ? fmt.dateTime(value as string) : display(value);
        },
      }))}
    />
  );
}
