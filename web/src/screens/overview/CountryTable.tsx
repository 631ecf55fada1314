import { useTranslation } from 'react-i18next';
import type { BreachRow } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { DataTable } from '../../components/DataTable.tsx';

/** The map's numbers as a table, largest first. */
export function CountryTable({ rows, total, limit = 15 }: { rows: BreachRow[]; total: number; limit?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit).reduce((sum, r) => sum + r.count, 0);
  return (
    <DataTable<BreachRow>
      caption={t('overview.tableCaption')}
      showCaption
      compact
      rows={shown}
      rowKey={(r) => r.key}
      columns={[
        {
          id: 'country',
          header: t('overview.country'),
          rowHeader: true,
          cell: (r) => (
            <>
              {countryName(r, fmt.country)} <span className="muted">{r.key}</span>
            </>
          ),
        },
        { id: 'attempts', header: t('overview.attemptsHeader'), numeric: true, cell: (r) => fmt.number(r.count) },
        { id: 'share', header: t('overview.share'), numeric: true, cell: (r) => (total > 0 ? fmt.share(r.count / total) : '–') },
        { id: 'sources', header: t('overview.sources'), numeric: true, cell: (r) => fmt.number(r.sources) },
      ]}
    >
      {rest > 0 && (
        <tr>
          <th scope="row">{t('overview.otherCountries', { count: sorted.length - limit })}</th>
          <td className="num">{fmt.number(rest)}</td>
          <td className="num">{fmt.share(rest / total)}</td>
          <td className="num">–</td>
        </tr>
      )}
    </DataTable>
  );
}

function countryName(row: BreachRow, country: (code: string) => string): string {
  if (/^[A-Z]{2}$/.test(row.key)) return country(row.key);
  return row.label ?? row.key;
}
