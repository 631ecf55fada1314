import { useTranslation } from 'react-i18next';
import type { SensorMatch } from '../../api/types.ts';

/** How Vaern recognises a sensor's input: by sender address, by listener, or by sender token. */
export function MatchText({ match }: { match: SensorMatch }) {
  const { t } = useTranslation();
  switch (match.kind) {
    case 'address':
      return (
        <>
          {t('sensors.matchAddress')} <span className="mono">{match.cidr}</span>
        </>
      );
    case 'listener':
      return (
        <>
          {t('sensors.matchListener')} <span className="mono">{match.listener}</span>
        </>
      );
    case 'token':
      return <>{t('sensors.matchToken')}</>;
  }
}
