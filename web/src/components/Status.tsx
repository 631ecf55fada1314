import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';

/** Loading, error and empty states, announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status" role="status">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  );
}

export function ErrorMessage({ error }: { error: Error }) {
  const { t } = useTranslation();
  const detail = error instanceof ApiError ? `${error.message} (${error.code})` : error.message;
  return (
    <p className="status status-error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {t('common.loadFailed')} {detail}
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="status status-empty">{children}</p>;
}
