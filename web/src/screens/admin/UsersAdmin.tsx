import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { users } from '../../api/endpoints.ts';
import type { Grant } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useMutation } from '../../hooks/useMutation.ts';
import { LOCALES, type Locale } from '../../i18n/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { CreateForm } from '../../components/CreateForm.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { HiddenHeader } from '../../components/DataTable.tsx';
import { StatusNotice } from '../../components/Notices.tsx';
import { GrantEditor, GrantList } from './GrantEditor.tsx';
import { NewPasswordField } from './NewPasswordField.tsx';
import { UserEditor } from './UserEditor.tsx';

export function UsersAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApi(() => users.list(), []);
  const mutation = useMutation(list.reload);
  const [editing, setEditing] = useState<string>();
  // The record from the latest list, so the editor shows what the server has after each change.
  const edited = list.data?.users.find((u) => u.id === editing);

  return (
    <div className="stack">
      <StatusNotice message={mutation.message} />
      <TableCard
        title={t('admin.users')}
        state={list}
        rows={(d) => d.users}
        rowKey={(u) => u.id}
        columns={[
          { id: 'username', header: t('admin.username'), rowHeader: true, cell: (u) => u.username },
          { id: 'displayName', header: t('admin.displayName'), cell: (u) => u.displayName },
          { id: 'grants', header: t('admin.grants'), cell: (u) => <GrantList grants={u.grants} /> },
          { id: 'created', header: t('admin.created'), cell: (u) => fmt.date(u.createdAt) },
          { id: 'state', header: t('admin.state'), cell: (u) => (u.disabled ? t('admin.disabled') : t('admin.active')) },
          {
            id: 'actions',
            header: <HiddenHeader>{t('admin.actions')}</HiddenHeader>,
            cell: (u) => (
              <button type="button" aria-expanded={u.id === editing} onClick={() => setEditing(u.id === editing ? undefined : u.id)}>
                {t('admin.editUser', { name: u.username })}
              </button>
            ),
          },
        ]}
      />
      {edited && <UserEditor key={edited.id} user={edited} busy={mutation.busy} run={mutation.run} onClose={() => setEditing(undefined)} />}
      <NewUserForm busy={mutation.busy} onCreate={(body) => void mutation.run(() => users.create(body), t('admin.userCreated', { name: body.username }))} />
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
  const submit = () => {
    onCreate(user);
    setUser(empty());
  };
  return (
    <CreateForm title={t('admin.newUser')} busy={busy} onSubmit={submit}>
      <TextField id="new-username" label={t('admin.username')} required autoComplete="off" value={user.username} onChange={(username) => setUser({ ...user, username })} />
      <TextField id="new-display" label={t('admin.displayName')} required value={user.displayName} onChange={(displayName) => setUser({ ...user, displayName })} />
      <NewPasswordField id="new-password" label={t('admin.password')} hint={t('admin.passwordHint')} value={user.password} onChange={(password) => setUser({ ...user, password })} />
      <SelectField
        id="new-locale"
        label={t('shell.language')}
        value={user.locale}
        options={LOCALES.map((l) => ({ value: l, label: t(LANGUAGE_KEYS[l]) }))}
        onChange={(locale) => setUser({ ...user, locale })}
      />
      <GrantEditor idPrefix="new-user-grant" value={user.grants[0]!} onChange={(g) => setUser({ ...user, grants: [g] })} />
    </CreateForm>
  );
}
