import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from './Card.tsx';

/** A titled form that creates one thing: its fields in a grid and a Create button. */
export function CreateForm({ title, busy, onSubmit, children }: { title: string; busy: boolean; onSubmit: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Card title={title}>
      <form onSubmit={submit}>
        <div className="form-grid">{children}</div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.create')}
        </button>
      </form>
    </Card>
  );
}
