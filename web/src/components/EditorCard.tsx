import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from './Card.tsx';

/** A card that edits one row of a table above it: focus lands on its title, and it can be closed. */
export function EditorCard({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card
      focusTitle
      title={title}
      actions={
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {children}
    </Card>
  );
}
