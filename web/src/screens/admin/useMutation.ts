import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Run a change against the API and keep a sentence about its outcome for a status region. */
export function useMutation() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const run = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    try {
      await action();
      setMessage(done);
      return true;
    } catch (e) {
      setMessage(`${t('common.actionFailed')} ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}
