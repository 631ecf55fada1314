import { useTranslation } from 'react-i18next';
import type { BreachRow } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

/** The map's numbers as a table, largest first. */
export function CountryTable({ rows, total, limit = 15 }: { rows: BreachRow[]; total: number; limit?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit).reduce((sum, r) => sum + r.count, 0);
  return (
    <TableWrap>
      <table className="data-table compact">
        <caption>{t('overview.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.country')}</th>
            <th scope="col" className="num">
              {t('overview.attemptsHeader')}
            </th>
            <th scope="col" className="num">
              {t('overview.share')}
            </th>
            <th scope="col" className="num">
              {t('overview.sources')}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {countryName(r, fmt.country)} <span className="muted">{r.key}</span>
              </th>
              <td className="num">{fmt.number(r.count)}</td>
              <td className="num">{total > 0 ? fmt.share(r.count / total) : '–'}</td>
              <td className="num">{fmt.number(r.sources)}</td>
            </tr>
          ))}
          {rest > 0 && (
            <tr>
              <th scope="row">{t('overview.otherCountries', { count: sorted.length - limit })}</th>
              <td className="num">{fmt.number(rest)}</td>
              <td className="num">{fmt.share(rest / total)}</td>
              <td className="num">–</td>
            </tr>
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}

function countryName(row: BreachRow, country: (code: string) => string): string {
  if (/^[A-Z]{2}$/.test(row.key)) return country(row.key);
  return row.label ?? row.key;
}
