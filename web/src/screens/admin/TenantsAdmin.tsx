import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tenants } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useSession } from '../../session/AuthContext.tsx';
import { Card } from '../../components/Card.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { useMutation } from './useMutation.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

const COUNTRIES = ['DK', 'NO'] as const;

export function TenantsAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { isCentre } = useSession();
  const list = useApi(() => tenants.list(), []);
  const mutation = useMutation();

  return (
    <div className="stack">
      <p role="status" className={mutation.message ? 'notice' : 'visually-hidden'}>
        {mutation.message}
      </p>
      <Card title={t('admin.tenants')}>
        {list.error ? (
          <ErrorMessage error={list.error} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <TableWrap>
            <table className="data-table">
              <caption className="visually-hidden">{t('admin.tenants')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tenantName')}</th>
                  <th scope="col">{t('admin.tenantId')}</th>
                  <th scope="col">{t('admin.country')}</th>
                  <th scope="col">{t('admin.networks')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.tenants.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{x.name}</th>
                    <td className="mono">{x.id}</td>
                    <td>{fmt.country(x.country)}</td>
                    <td className="mono">{x.networks.join(', ') || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      {isCentre && (
        <NewTenantForm
          busy={mutation.busy}
          onCreate={(body) => void mutation.run(() => tenants.create(body), t('admin.tenantCreated', { name: body.name })).then(list.reload)}
        />
      )}
    </div>
  );
}

interface NewTenant {
  id: string;
  name: string;
  country: (typeof COUNTRIES)[number];
  networks: string[];
}

function NewTenantForm({ busy, onCreate }: { busy: boolean; onCreate: (tenant: NewTenant) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [tenant, setTenant] = useState({ id: '', name: '', country: 'DK' as NewTenant['country'], networks: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCreate({ ...tenant, networks: tenant.networks.split(/[\s,]+/).filter(Boolean) });
    setTenant({ id: '', name: '', country: 'DK', networks: '' });
  };
  return (
    <Card title={t('admin.newTenant')}>
      <form onSubmit={submit}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="tenant-name">{t('admin.tenantName')}</label>
            <input id="tenant-name" required value={tenant.name} onChange={(e) => setTenant({ ...tenant, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="tenant-id">{t('admin.tenantId')}</label>
            <input
              id="tenant-id"
              required
              pattern="[a-z0-9][a-z0-9\-]{0,62}"
              aria-describedby="tenant-id-hint"
              value={tenant.id}
              onChange={(e) => setTenant({ ...tenant, id: e.target.value })}
            />
            <span className="hint" id="tenant-id-hint">
              {t('admin.tenantIdHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="tenant-country">{t('admin.country')}</label>
            <select id="tenant-country" value={tenant.country} onChange={(e) => setTenant({ ...tenant, country: e.target.value as NewTenant['country'] })}>
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {fmt.country(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="tenant-networks">{t('admin.networks')}</label>
            <input
              id="tenant-networks"
              aria-describedby="tenant-networks-hint"
              value={tenant.networks}
              onChange={(e) => setTenant({ ...tenant, networks: e.target.value })}
            />
            <span className="hint" id="tenant-networks-hint">
              {t('admin.networksHint')}
            </span>
          </div>
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.create')}
        </button>
      </form>
    </Card>
  );
}
