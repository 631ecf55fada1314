import { useTranslation } from 'react-i18next';
import type { Severity } from '../api/types.ts';

export const SEVERITY_KEYS: Record<Severity, string> = {
  critical: 'severity.critical',
  high: 'severity.high',
  medium: 'severity.medium',
  low: 'severity.low',
  info: 'severity.info',
};

/** Each level has its own shape as well as its colour, and always its word. */
const SHAPES: Record<Severity, string> = { critical: '◆', high: '▲', medium: '■', low: '●', info: '○' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sev-${severity}`}>
      <span aria-hidden="true">{SHAPES[severity]}</span> {t(SEVERITY_KEYS[severity])}
    </span>
  );
}
