import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alerts } from '../../api/endpoints.ts';

/** Acknowledge or close alerts; reports the outcome as a sentence for the status region. */
export function useAlertActions(onChanged: (message: string) => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await action();
      onChanged(done);
    } catch (e) {
      onChanged(`${t('common.actionFailed')} ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    acknowledge: (ids: string[]) => run(() => alerts.setStatus(ids, 'acknowledged'), t('alerts.acknowledgedCount', { count: ids.length })),
    close: (ids: string[]) => run(() => alerts.setStatus(ids, 'closed'), t('alerts.closedCount', { count: ids.length })),
    suppress: (id: string, reason: string, durationHours: number) =>
      run(() => alerts.suppress(id, { reason, durationHours }), t('alerts.suppressed', { count: durationHours })),
  };
}
