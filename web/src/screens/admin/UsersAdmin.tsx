import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { users } from '../../api/endpoints.ts';
import type { Grant } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { LOCALES, type Locale } from '../../i18n/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { GrantEditor, GrantList } from './GrantEditor.tsx';
import { useMutation } from './useMutation.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

export function UsersAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApi(() => users.list(), []);
  const mutation = useMutation();

  return (
    <div className="stack">
      <p role="status" className={mutation.message ? 'notice' : 'visually-hidden'}>
        {mutation.message}
      </p>
      <Card title={t('admin.users')}>
        {list.error ? (
          <ErrorMessage error={list.error} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <TableWrap>
            <table className="data-table">
              <caption className="visually-hidden">{t('admin.users')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.username')}</th>
                  <th scope="col">{t('admin.displayName')}</th>
                  <th scope="col">{t('admin.grants')}</th>
                  <th scope="col">{t('admin.created')}</th>
                  <th scope="col">{t('admin.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.username}</th>
                    <td>{u.displayName}</td>
                    <td>
                      <GrantList grants={u.grants} />
                    </td>
                    <td>{fmt.date(u.createdAt)}</td>
                    <td>
                      {u.disabled ? t('admin.disabled') : t('admin.active')}{' '}
                      <button
                        type="button"
                        className="button-quiet"
                        disabled={mutation.busy}
                        onClick={() =>
                          void mutation
                            .run(() => users.update(u.id, { disabled: !u.disabled }), t(u.disabled ? 'admin.userEnabled' : 'admin.userDisabled', { name: u.username }))
                            .then(list.reload)
                        }
                      >
                        {u.disabled ? t('admin.enable', { name: u.username }) : t('admin.disable', { name: u.username })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <NewUserForm busy={mutation.busy} onCreate={(body) => void mutation.run(() => users.create(body), t('admin.userCreated', { name: body.username })).then(list.reload)} />
    </div>
  );
}

const LANGUAGE_KEYS: Record<Locale, string> = { da: 'languages.da', nb: 'languages.nb', en: 'languages.en' };

interface NewUser {
  username: string;
  displayName: string;
  password: string;
  locale: Locale;
  grants: Grant[];
}

function NewUserForm({ busy, onCreate }: { busy: boolean; onCreate: (user: NewUser) => void }) {
  const { t } = useTranslation();
  const { tenants } = useTenant();
  const empty = (): NewUser => ({ username: '', displayName: '', password: '', locale: 'da', grants: [{ tenant: tenants[0]?.id ?? '*', role: 'viewer' }] });
  const [user, setUser] = useState<NewUser>(empty);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCreate(user);
    setUser(empty());
  };
  return (
    <Card title={t('admin.newUser')}>
      <form onSubmit={submit}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="new-username">{t('admin.username')}</label>
            <input id="new-username" required autoComplete="off" value={user.username} onChange={(e) => setUser({ ...user, username: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="new-display">{t('admin.displayName')}</label>
            <input id="new-display" required value={user.displayName} onChange={(e) => setUser({ ...user, displayName: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="new-password">{t('admin.password')}</label>
            <input
              id="new-password"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              aria-describedby="new-password-hint"
              value={user.password}
              onChange={(e) => setUser({ ...user, password: e.target.value })}
            />
            <span className="hint" id="new-password-hint">
              {t('admin.passwordHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="new-locale">{t('shell.language')}</label>
            <select id="new-locale" value={user.locale} onChange={(e) => setUser({ ...user, locale: e.target.value as Locale })}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {t(LANGUAGE_KEYS[l])}
                </option>
              ))}
            </select>
          </div>
          <GrantEditor idPrefix="new-user-grant" value={user.grants[0]!} onChange={(g) => setUser({ ...user, grants: [g] })} />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.create')}
        </button>
      </form>
    </Card>
  );
}
