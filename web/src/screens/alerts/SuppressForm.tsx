import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/Field.tsx';

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
        <TextField id="suppress-reason" label={t('suppress.reason')} required value={reason} onChange={setReason} />
        <SelectField
          id="suppress-duration"
          label={t('suppress.duration')}
          value={String(hours)}
          options={DURATIONS.map((h) => ({ value: String(h), label: t(DURATION_KEYS[h]) }))}
          onChange={(h) => setHours(Number(h))}
        />
        <button type="submit" disabled={busy}>
          {t('suppress.submit')}
        </button>
      </fieldset>
    </form>
  );
}
