import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import type { RangeKey } from '../../hooks/usePeriod.ts';
import { Card } from '../../components/Card.tsx';
import { Loading } from '../../components/Status.tsx';

const PREVIOUS_KEYS: Record<RangeKey, string> = { '24h': 'trend.previous24h', '7d': 'trend.previous7d', '30d': 'trend.previous30d' };

/** Breach attempts in this period against the one before, in words as well as arrows. */
export function TrendCard({ range, current, previous }: { range: RangeKey; current: number | undefined; previous: number | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card title={t('trend.title')}>
      {current === undefined || previous === undefined ? (
        <Loading />
      ) : (
        <>
          <p className="big-number">{fmt.number(current)}</p>
          <p>
            <Change current={current} previous={previous} /> {t(PREVIOUS_KEYS[range], { count: previous, formatted: fmt.number(previous) })}
          </p>
        </>
      )}
    </Card>
  );
}

function Change({ current, previous }: { current: number; previous: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (previous === 0) return <span className="trend trend-flat">{current === 0 ? t('trend.unchanged') : t('trend.new')}</span>;
  const change = (current - previous) / previous;
  if (Math.abs(change) < 0.005) return <span className="trend trend-flat">{t('trend.unchanged')}</span>;
  const up = change > 0;
  return (
    <span className={`trend ${up ? 'trend-up' : 'trend-down'}`}>
      <span aria-hidden="true">{up ? '▲' : '▼'} </span>
      {t(up ? 'trend.up' : 'trend.down', { change: fmt.share(Math.abs(change)) })}
    </span>
  );
}
