import { useTranslation } from 'react-i18next';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../api/types.ts';
import { SelectField, TextField, type Option } from '../../components/Field.tsx';
import { SEVERITY_KEYS } from '../../components/SeverityBadge.tsx';
import { STATUS_KEYS } from './status.ts';

export interface AlertFilterValues {
  status: AlertStatus | '';
  severity: Severity | '';
  text: string;
}

export function AlertFilters({ value, onChange }: { value: AlertFilterValues; onChange: (v: AlertFilterValues) => void }) {
  const { t } = useTranslation();
  const all: Option<''> = { value: '', label: t('common.all') };
  return (
    <div className="filters" role="search" aria-label={t('alerts.filters')}>
      <SelectField<AlertStatus | ''>
        id="alert-status"
        label={t('alerts.status')}
        value={value.status}
        options={[all, ...ALERT_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))]}
        onChange={(status) => onChange({ ...value, status })}
      />
      <SelectField<Severity | ''>
        id="alert-severity"
        label={t('alerts.severity')}
        value={value.severity}
        options={[all, ...SEVERITIES.map((s) => ({ value: s, label: t(SEVERITY_KEYS[s]) }))]}
        onChange={(severity) => onChange({ ...value, severity })}
      />
      <TextField id="alert-text" label={t('alerts.search')} type="search" value={value.text} onChange={(text) => onChange({ ...value, text })} />
    </div>
  );
}
