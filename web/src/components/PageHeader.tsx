import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The screen's one h1. Sets the document title, and after navigation takes focus so screen-reader
 * and keyboard users start at the new page's heading.
 */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-header">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children !== undefined && <div className="page-actions">{children}</div>}
    </div>
  );
}
