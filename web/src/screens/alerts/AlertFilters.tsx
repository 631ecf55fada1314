import { useTranslation } from 'react-i18next';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../api/types.ts';
import { SEVERITY_KEYS } from '../../components/SeverityBadge.tsx';
import { STATUS_KEYS } from './status.ts';

export interface AlertFilterValues {
  status: AlertStatus | '';
  severity: Severity | '';
  text: string;
}

export function AlertFilters({ value, onChange }: { value: AlertFilterValues; onChange: (v: AlertFilterValues) => void }) {
  const { t } = useTranslation();
  return (
    <div className="filters" role="search" aria-label={t('alerts.filters')}>
      <div className="field">
        <label htmlFor="alert-status">{t('alerts.status')}</label>
        <select id="alert-status" value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as AlertStatus | '' })}>
          <option value="">{t('common.all')}</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(STATUS_KEYS[s])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="alert-severity">{t('alerts.severity')}</label>
        <select id="alert-severity" value={value.severity} onChange={(e) => onChange({ ...value, severity: e.target.value as Severity | '' })}>
          <option value="">{t('common.all')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(SEVERITY_KEYS[s])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="alert-text">{t('alerts.search')}</label>
        <input id="alert-text" type="search" value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} />
      </div>
    </div>
  );
}
