import { useTranslation } from 'react-i18next';
import { display, ecsValue } from '../api/ecs.ts';
import type { EventDoc } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { TableWrap } from './TableWrap.tsx';

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
    <TableWrap>
      <table className="data-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.field} scope="col">
                {t(c.labelKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={i}>
              {COLUMNS.map((c) => {
                const value = ecsValue(e, c.field);
                return (
                  <td key={c.field} className={c.field.endsWith('.ip') ? 'mono' : undefined}>
                    {c.field === '@timestamp' && value !== undefined ? fmt.dateTime(value as string) : display(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
