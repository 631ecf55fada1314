import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Field.tsx';
import { HUNT_FIELDS, fromLocalInput, toLocalInput, type HuntField, type HuntValues } from './huntParams.ts';

const FIELD_META: Record<HuntField, { labelKey: string; hintKey: string; inputMode?: 'numeric'; pattern?: string }> = {
  ip: { labelKey: 'hunt.ip', hintKey: 'hunt.ipHint' },
  cidr: { labelKey: 'hunt.cidr', hintKey: 'hunt.cidrHint' },
  port: { labelKey: 'hunt.port', hintKey: 'hunt.portHint', inputMode: 'numeric', pattern: '[0-9]{1,5}' },
  country: { labelKey: 'hunt.country', hintKey: 'hunt.countryHint', pattern: '[A-Za-z]{2}' },
  asn: { labelKey: 'hunt.asn', hintKey: 'hunt.asnHint', inputMode: 'numeric', pattern: '[0-9]{1,10}' },
  action: { labelKey: 'hunt.action', hintKey: 'hunt.actionHint' },
  sensor: { labelKey: 'hunt.sensor', hintKey: 'hunt.sensorHint' },
};

export function HuntForm({ initial, onSearch }: { initial: HuntValues; onSearch: (values: HuntValues) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set = (field: keyof HuntValues, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(values);
  };
  return (
    <form role="search" aria-label={t('hunt.formLabel')} onSubmit={submit}>
      <div className="form-grid">
        <TextField id="hunt-from" label={t('hunt.from')} type="datetime-local" required value={toLocalInput(values.from)} onChange={(v) => set('from', fromLocalInput(v))} />
        <TextField id="hunt-to" label={t('hunt.to')} type="datetime-local" required value={toLocalInput(values.to)} onChange={(v) => set('to', fromLocalInput(v))} />
        {HUNT_FIELDS.map((f) => {
          const meta = FIELD_META[f];
          return (
            <TextField
              key={f}
              id={`hunt-${f}`}
              label={t(meta.labelKey)}
              hint={t(meta.hintKey)}
              name={f}
              value={values[f]}
              inputMode={meta.inputMode}
              pattern={meta.pattern}
              onChange={(v) => set(f, v.trim())}
            />
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t('hunt.search')}
        </button>
      </div>
    </form>
  );
}
