import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { SeverityBadge } from '../../components/SeverityBadge.tsx';
import { Empty } from '../../components/Status.tsx';
import { STATUS_KEYS, severityRank } from './status.ts';
import { useAlertActions } from './useAlertActions.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

type SortKey = 'severity' | 'score' | 'lastSeen' | 'count' | 'title';
const SORTS: Record<SortKey, (a: Alert, b: Alert) => number> = {
  severity: (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.score - b.score,
  score: (a, b) => a.score - b.score,
  lastSeen: (a, b) => new Date(a.lastSeen).getTime() - new Date(b.lastSeen).getTime(),
  count: (a, b) => a.count - b.count,
  title: (a, b) => b.title.localeCompare(a.title),
};
const SORT_LABELS: Record<SortKey, string> = {
  severity: 'alerts.severity',
  score: 'alerts.score',
  lastSeen: 'alerts.lastSeen',
  count: 'alerts.count',
  title: 'alerts.alertTitle',
};

export function AlertQueue({ alerts, selectedId, onChanged }: { alerts: Alert[]; selectedId: string | undefined; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { search } = useLocation();
  const { tenant, tenantName } = useTenant();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'severity', descending: true });
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const actions = useAlertActions((message) => {
    setChecked(new Set());
    onChanged(message);
  });

  const sorted = useMemo(() => {
    const compare = SORTS[sort.key];
    return [...alerts].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  }, [alerts, sort]);
  const selected = sorted.filter((a) => checked.has(a.id)).map((a) => a.id);
  const allChecked = sorted.length > 0 && selected.length === sorted.length;

  if (alerts.length === 0) return <Empty>{t('alerts.none')}</Empty>;

  const toggle = (id: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const header = (key: SortKey, numeric = false) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, descending: active ? !sort.descending : true })}>
          {t(SORT_LABELS[key])} <span aria-hidden="true">{active ? (sort.descending ? '▼' : '▲') : '↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <div className="bulk-bar" role="group" aria-label={t('alerts.bulkActions')}>
        <span>{t('alerts.selectedCount', { count: selected.length })}</span>
        <button type="button" disabled={selected.length === 0 || actions.busy} onClick={() => void actions.acknowledge(selected)}>
          {t('alerts.acknowledge')}
        </button>
        <button type="button" disabled={selected.length === 0 || actions.busy} onClick={() => void actions.close(selected)}>
          {t('alerts.close')}
        </button>
      </div>
      <TableWrap>
        <table className="data-table">
          <caption className="visually-hidden">{t('alerts.queueCaption', { count: sorted.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t('alerts.selectAll')}
                  checked={allChecked}
                  onChange={() => setChecked(allChecked ? new Set() : new Set(sorted.map((a) => a.id)))}
                />
              </th>
              {header('severity')}
              {header('title')}
              {!tenant && <th scope="col">{t('common.tenant')}</th>}
              <th scope="col">{t('alerts.status')}</th>
              {header('score', true)}
              {header('count', true)}
              {header('lastSeen')}
            </tr>
          </thead>
          <tbody>
            {sorted.map((a) => (
              <tr key={a.id} className={a.id === selectedId ? 'selected' : undefined}>
                <td className="select-cell">
                  <input type="checkbox" aria-label={t('alerts.select', { title: a.title })} checked={checked.has(a.id)} onChange={() => toggle(a.id)} />
                </td>
                <td>
                  <SeverityBadge severity={a.severity} />
                </td>
                <th scope="row">
                  <Link to={`/alerts/${encodeURIComponent(a.id)}${search}`} aria-current={a.id === selectedId ? 'true' : undefined}>
                    {a.title}
                  </Link>
                  <div className="muted">{`${a.technique.id} ${a.technique.name}`}</div>
                </th>
                {!tenant && <td>{tenantName(a.tenant)}</td>}
                <td>{t(STATUS_KEYS[a.status])}</td>
                <td className="num">{fmt.number(a.score)}</td>
                <td className="num">{fmt.number(a.count)}</td>
                <td>
                  <time dateTime={new Date(a.lastSeen).toISOString()}>{fmt.relative(a.lastSeen)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
