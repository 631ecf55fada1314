import { useTranslation } from 'react-i18next';
import { RANGES, type RangeKey } from '../hooks/usePeriod.ts';

const LABEL_KEYS: Record<RangeKey, string> = { '24h': 'range.24h', '7d': 'range.7d', '30d': 'range.30d' };

/** The time window, as a group of radio buttons (one tab stop, arrow keys move). */
export function RangePicker({ value, onChange }: { value: RangeKey; onChange: (range: RangeKey) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="segmented">
      <legend>{t('range.label')}</legend>
      {(Object.keys(RANGES) as RangeKey[]).map((r) => (
        <label key={r}>
          <input type="radio" name="range" value={r} checked={r === value} onChange={() => onChange(r)} />
          <span>{t(LABEL_KEYS[r])}</span>
        </label>
      ))}
    </fieldset>
  );
}
