import { useTranslation } from 'react-i18next';
import { alerts } from '../../api/endpoints.ts';
import { useMutation } from '../../hooks/useMutation.ts';

/** Acknowledge, close or suppress alerts; reports the outcome as a sentence for the status region. */
export function useAlertActions(onChanged: (message: string) => void) {
  const { t } = useTranslation();
  const { busy, run } = useMutation(onChanged);
  return {
    busy,
    acknowledge: (ids: string[]) => run(() => alerts.setStatus(ids, 'acknowledged'), (r) => t('alerts.acknowledgedCount', { count: r.changed.length })),
    close: (ids: string[]) => run(() => alerts.setStatus(ids, 'closed'), (r) => t('alerts.closedCount', { count: r.changed.length })),
    suppress: (id: string, reason: string, durationHours: number) =>
      run(() => alerts.suppress(id, { reason, durationHours }), t('alerts.suppressed', { count: durationHours })),
  };
}
