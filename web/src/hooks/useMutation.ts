import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Run a change against the API and keep a sentence about its outcome for a status region.
 * `done` may read the server's answer (how many changed). `after` runs once the outcome is known, success or not (to reload a list, clear a selection).
 */
export function useMutation(after?: (message: string) => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const run = async <R>(action: () => Promise<R>, done: string | ((result: R) => string)): Promise<void> => {
    setBusy(true);
    let outcome: string;
    try {
      const result = await action();
      outcome = typeof done === 'string' ? done : done(result);
    } catch (e) {
      outcome = `${t('common.actionFailed')} ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      setBusy(false);
    }
    setMessage(outcome);
    after?.(outcome);
  };
  return { busy, message, run };
}
