import { useTranslation } from 'react-i18next';

export type Health = 'receiving' | 'quiet' | 'silent' | 'never';

/** A sensor that sent nothing for 5 minutes is quiet; after an hour it is silent. */
export function healthOf(lastSeen: string | number | null | undefined, now = Date.now()): Health {
  if (lastSeen === null || lastSeen === undefined || lastSeen === '' || lastSeen === 0) return 'never';
  const age = now - new Date(lastSeen).getTime();
  if (age < 5 * 60_000) return 'receiving';
  if (age < 60 * 60_000) return 'quiet';
  return 'silent';
}

const KEYS: Record<Health, string> = {
  receiving: 'health.receiving',
  quiet: 'health.quiet',
  silent: 'health.silent',
  never: 'health.never',
};
const ICONS: Record<Health, string> = { receiving: '✔', quiet: '◔', silent: '✖', never: '–' };

export function HealthBadge({ health }: { health: Health }) {
  const { t } = useTranslation();
  return (
    <span className={`badge health-${health}`}>
      <span aria-hidden="true">{ICONS[health]}</span> {t(KEYS[health])}
    </span>
  );
}
