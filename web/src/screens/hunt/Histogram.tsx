import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistogramBucket } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';

const W = 800;
const H = 140;
const AXIS = 18;

/** Events over time as bars; a table with the same counts follows for screen readers. */
export function Histogram({ buckets, interval }: { buckets: HistogramBucket[]; interval: 'hour' | 'day' }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const titleId = useId();
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = W / Math.max(1, buckets.length);
  const label = (b: HistogramBucket) => (interval === 'day' ? fmt.date(b.key) : fmt.dateTime(b.key));
  return (
    <figure className="histogram">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t('hunt.histogramAlt', { count: buckets.length })}</title>
        {buckets.map((b, i) => {
          const h = ((H - AXIS) * b.count) / max;
          return (
            <rect key={b.key} x={i * width + 0.5} y={H - AXIS - h} width={Math.max(1, width - 1)} height={h}>
              <title>{`${label(b)}: ${fmt.number(b.count)}`}</title>
            </rect>
          );
        })}
        <line x1="0" x2={W} y1={H - AXIS} y2={H - AXIS} stroke="currentColor" strokeWidth="1" />
      </svg>
      <figcaption className="muted">
        {buckets.length > 0 && t('hunt.histogramRange', { from: label(buckets[0]!), to: label(buckets[buckets.length - 1]!), max: fmt.number(max) })}
      </figcaption>
      <details>
        <summary>{t('hunt.histogramTable')}</summary>
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t('events.time')}</th>
              <th scope="col" className="num">
                {t('hunt.events')}
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.key}>
                <th scope="row">{label(b)}</th>
                <td className="num">{fmt.number(b.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
