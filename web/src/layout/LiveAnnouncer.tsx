import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStream } from '../live/StreamContext.tsx';

/** Reads new alerts aloud to screen-reader users without moving their focus. */
export function LiveAnnouncer() {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  useStream('alert', (data) => {
    const alert = data as { title?: string; severity?: string };
    if (alert.title) setMessage(t('live.newAlert', { title: alert.title }));
  });
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
}
