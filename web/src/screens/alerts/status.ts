import type { AlertStatus, Severity } from '../../api/types.ts';
import { SEVERITIES } from '../../api/types.ts';

export const STATUS_KEYS: Record<AlertStatus, string> = {
  open: 'alertStatus.open',
  acknowledged: 'alertStatus.acknowledged',
  closed: 'alertStatus.closed',
};

/** Higher is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
