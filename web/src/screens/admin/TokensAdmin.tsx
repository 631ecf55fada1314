import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tokens } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { Card } from '../../components/Card.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { GrantList } from './GrantEditor.tsx';
import { useMutation } from './useMutation.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

/** The signed-in user's API tokens. A new token's secret is shown once. */
export function TokensAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApi(() => tokens.list(), []);
  const mutation = useMutation();
  const [secret, setSecret] = useState<string>();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');

  const create = (e: FormEvent) => {
    e.preventDefault();
    void mutation
      .run(async () => {
        const created = await tokens.create({ name, grants: [], ...(days ? { expiresInDays: Number(days) } : {}) });
        setSecret(created.token);
      }, t('admin.tokenCreated', { name }))
      .then(list.reload);
    setName('');
  };

  return (
    <div className="stack">
      <p role="status" className={mutation.message ? 'notice' : 'visually-hidden'}>
        {mutation.message}
      </p>
      {secret && (
        <div className="notice">
          <p>{t('admin.tokenOnce')}</p>
          <p className="secret mono">{secret}</p>
        </div>
      )}
      <Card title={t('admin.tokens')}>
        {list.error ? (
          <ErrorMessage error={list.error} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.tokens.length === 0 ? (
          <Empty>{t('admin.noTokens')}</Empty>
        ) : (
          <TableWrap>
            <table className="data-table">
              <caption className="visually-hidden">{t('admin.tokens')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tokenName')}</th>
                  <th scope="col">{t('admin.grants')}</th>
                  <th scope="col">{t('admin.created')}</th>
                  <th scope="col">{t('admin.lastUsed')}</th>
                  <th scope="col">{t('admin.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.tokens.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{x.name}</th>
                    <td>{x.grants.length === 0 ? t('admin.allMyGrants') : <GrantList grants={x.grants} />}</td>
                    <td>{fmt.date(x.createdAt)}</td>
                    <td>{x.lastUsedAt ? fmt.relative(x.lastUsedAt) : t('admin.never')}</td>
                    <td>{x.expiresAt ? fmt.date(x.expiresAt) : t('admin.never')}</td>
                    <td>
                      <button
                        type="button"
                        className="button-danger"
                        disabled={mutation.busy}
                        onClick={() => void mutation.run(() => tokens.revoke(x.id), t('admin.tokenRevoked', { name: x.name })).then(list.reload)}
                      >
                        {t('admin.revoke', { name: x.name })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <Card title={t('admin.newToken')}>
        <form onSubmit={create}>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="token-name">{t('admin.tokenName')}</label>
              <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="token-days">{t('admin.expiresInDays')}</label>
              <input id="token-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
            </div>
          </div>
          <button type="submit" className="button-primary" disabled={mutation.busy}>
            {t('common.create')}
          </button>
        </form>
      </Card>
    </div>
  );
}
