import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { users } from '../../api/endpoints.ts';
import type { Grant, UserRecord } from '../../api/types.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { EditorCard } from '../../components/EditorCard.tsx';
import { GrantEditor } from './GrantEditor.tsx';
import { NewPasswordField } from './NewPasswordField.tsx';

type Run = <R>(action: () => Promise<R>, done: string) => Promise<void>;

/**
 * One user's roles, password and account state. The server shows only the grants in tenants the
 * caller administers and keeps the others when these are saved; a new password or disabling ends
 * the user's sessions there.
 */
export function UserEditor({ user, busy, run, onClose }: { user: UserRecord; busy: boolean; run: Run; onClose: () => void }) {
  const { t } = useTranslation();
  const { tenants } = useTenant();
  const [grants, setGrants] = useState<Grant[]>(user.grants);
  const [password, setPassword] = useState('');

  const saveGrants = (e: FormEvent) => {
    e.preventDefault();
    void run(() => users.update(user.id, { grants }), t('admin.grantsSaved', { name: user.username }));
  };
  const resetPassword = (e: FormEvent) => {
    e.preventDefault();
    void run(() => users.update(user.id, { password }), t('admin.passwordChanged', { name: user.username }));
    setPassword('');
  };
  const toggle = () =>
    void run(() => users.update(user.id, { disabled: !user.disabled }), t(user.disabled ? 'admin.userEnabled' : 'admin.userDisabled', { name: user.username }));

  return (
    <EditorCard title={t('admin.editingUser', { name: user.username })} onClose={onClose}>
      <form onSubmit={saveGrants}>
        <fieldset>
          <legend>{t('admin.grantsLegend')}</legend>
          <p className="muted">{t('admin.grantsHelp')}</p>
          {grants.length === 0 && <p>{t('admin.noGrants')}</p>}
          {grants.map((g, i) => (
            <fieldset key={i} className="form-grid">
              <legend>{t('admin.grantN', { n: i + 1 })}</legend>
              <GrantEditor idPrefix={`edit-grant-${i}`} value={g} onChange={(next) => setGrants(grants.map((x, j) => (j === i ? next : x)))} />
              <button type="button" className="button-quiet" onClick={() => setGrants(grants.filter((_, j) => j !== i))}>
                {t('admin.removeGrant', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <div className="form-actions">
            <button type="button" onClick={() => setGrants([...grants, { tenant: tenants[0]?.id ?? '*', role: 'viewer' }])}>
              {t('admin.addGrant')}
            </button>
            <button type="submit" className="button-primary" disabled={busy}>
              {t('admin.saveGrants')}
            </button>
          </div>
        </fieldset>
      </form>
      <form onSubmit={resetPassword}>
        <fieldset>
          <legend>{t('admin.passwordLegend')}</legend>
          <NewPasswordField id="edit-password" label={t('admin.newPassword')} hint={t('admin.resetHint')} value={password} onChange={setPassword} />
          <button type="submit" disabled={busy}>
            {t('admin.setPassword')}
          </button>
        </fieldset>
      </form>
      <fieldset>
        <legend>{t('admin.accountLegend')}</legend>
        <p className="muted">{t('admin.disableHint')}</p>
        <p>
          {user.disabled ? t('admin.disabled') : t('admin.active')}{' '}
          <button type="button" className={user.disabled ? undefined : 'button-danger'} disabled={busy} onClick={toggle}>
            {user.disabled ? t('admin.enable', { name: user.username }) : t('admin.disable', { name: user.username })}
          </button>
        </p>
      </fieldset>
    </EditorCard>
  );
}
