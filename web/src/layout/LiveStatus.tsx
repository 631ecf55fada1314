import { useTranslation } from 'react-i18next';
import { useStreamStatus, type StreamStatus } from '../live/StreamContext.tsx';

const KEYS: Record<StreamStatus, string> = { connecting: 'live.connecting', live: 'live.live', reconnecting: 'live.reconnecting' };

/** Whether the console receives live updates; the word carries the meaning, the dot only repeats it. */
export function LiveStatus() {
  const { t } = useTranslation();
  const status = useStreamStatus();
  return (
    <span className={`live-status live-${status}`}>
      <span className="dot" aria-hidden="true" />
      {t(KEYS[status])}
    </span>
  );
}
