import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokens } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useMutation } from '../../hooks/useMutation.ts';
import { useFormat } from '../../i18n/format.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { CreateForm } from '../../components/CreateForm.tsx';
import { HiddenHeader } from '../../components/DataTable.tsx';
import { TextField } from '../../components/Field.tsx';
import { SecretNotice, StatusNotice } from '../../components/Notices.tsx';
import { GrantList } from './GrantEditor.tsx';

/** The signed-in user's API tokens. A new token's secret is shown once. */
export function TokensAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApi(() => tokens.list(), []);
  const mutation = useMutation(list.reload);
  const [secret, setSecret] = useState<string>();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');

  const create = () => {
    const body = { name, grants: [], ...(days ? { expiresInDays: Number(days) } : {}) };
    void mutation.run(async () => setSecret((await tokens.create(body)).token), t('admin.tokenCreated', { name }));
    setName('');
  };

  return (
    <div className="stack">
      <StatusNotice message={mutation.message} />
      <SecretNotice intro={t('admin.tokenOnce')} secret={secret} />
      <TableCard
        title={t('admin.tokens')}
        state={list}
        rows={(d) => d.tokens}
        rowKey={(x) => x.id}
        emptyText={t('admin.noTokens')}
        columns={[
          { id: 'name', header: t('admin.tokenName'), rowHeader: true, cell: (x) => x.name },
          { id: 'grants', header: t('admin.grants'), cell: (x) => (x.grants.length === 0 ? t('admin.allMyGrants') : <GrantList grants={x.grants} />) },
          { id: 'created', header: t('admin.created'), cell: (x) => fmt.date(x.createdAt) },
          { id: 'lastUsed', header: t('admin.lastUsed'), cell: (x) => (x.lastUsedAt ? fmt.relative(x.lastUsedAt) : t('admin.never')) },
          { id: 'expires', header: t('admin.expires'), cell: (x) => (x.expiresAt ? fmt.date(x.expiresAt) : t('admin.never')) },
          {
            id: 'actions',
            header: <HiddenHeader>{t('admin.actions')}</HiddenHeader>,
            cell: (x) => (
              <button
                type="button"
                className="button-danger"
                disabled={mutation.busy}
                onClick={() => void mutation.run(() => tokens.revoke(x.id), t('admin.tokenRevoked', { name: x.name }))}
              >
                {t('admin.revoke', { name: x.name })}
              </button>
            ),
          },
        ]}
      />
      <CreateForm title={t('admin.newToken')} busy={mutation.busy} onSubmit={create}>
        <TextField id="token-name" label={t('admin.tokenName')} required maxLength={100} value={name} onChange={setName} />
        <TextField id="token-days" label={t('admin.expiresInDays')} type="number" min={1} max={3650} value={days} onChange={setDays} />
      </CreateForm>
    </div>
  );
}
