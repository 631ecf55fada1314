import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A table that may scroll sideways on narrow screens. The scroll area takes focus so keyboard
 * users can scroll it with the arrow keys (WCAG 2.1.1).
 */
export function TableWrap({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
      {children}
    </div>
  );
}
