import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const DURATIONS = [1, 24, 168, 720] as const;
const DURATION_KEYS: Record<(typeof DURATIONS)[number], string> = {
  1: 'suppress.hour',
  24: 'suppress.day',
  168: 'suppress.week',
  720: 'suppress.month',
};

/** Stop alerts like this one for a while, with a reason kept in the audit log. */
export function SuppressForm({ busy, onSuppress }: { busy: boolean; onSuppress: (reason: string, hours: number) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState<number>(24);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() !== '') onSuppress(reason.trim(), hours);
  };
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{t('suppress.title')}</legend>
        <p className="muted">{t('suppress.help')}</p>
        <div className="field">
          <label htmlFor="suppress-reason">{t('suppress.reason')}</label>
          <input id="suppress-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="suppress-duration">{t('suppress.duration')}</label>
          <select id="suppress-duration" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {DURATIONS.map((h) => (
              <option key={h} value={h}>
                {t(DURATION_KEYS[h])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {t('suppress.submit')}
        </button>
      </fieldset>
    </form>
  );
}
