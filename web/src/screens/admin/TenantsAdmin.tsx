import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tenants } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useMutation } from '../../hooks/useMutation.ts';
import { useFormat } from '../../i18n/format.ts';
import { useSession } from '../../session/AuthContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { CreateForm } from '../../components/CreateForm.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { StatusNotice } from '../../components/Notices.tsx';

const COUNTRIES = ['DK', 'NO'] as const;

export function TenantsAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { isCentre } = useSession();
  const list = useApi(() => tenants.list(), []);
  const mutation = useMutation(list.reload);

  return (
    <div className="stack">
      <StatusNotice message={mutation.message} />
      <TableCard
        title={t('admin.tenants')}
        state={list}
        rows={(d) => d.tenants}
        rowKey={(x) => x.id}
        columns={[
          { id: 'name', header: t('admin.tenantName'), rowHeader: true, cell: (x) => x.name },
          { id: 'id', header: t('admin.tenantId'), className: 'mono', cell: (x) => x.id },
          { id: 'country', header: t('admin.country'), cell: (x) => fmt.country(x.country) },
          { id: 'networks', header: t('admin.networks'), className: 'mono', cell: (x) => x.networks.join(', ') || '–' },
        ]}
      />
      {isCentre && (
        <NewTenantForm busy={mutation.busy} onCreate={(body) => void mutation.run(() => tenants.create(body), t('admin.tenantCreated', { name: body.name }))} />
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
  const submit = () => {
    onCreate({ ...tenant, networks: tenant.networks.split(/[\s,]+/).filter(Boolean) });
    setTenant({ id: '', name: '', country: 'DK', networks: '' });
  };
  return (
    <CreateForm title={t('admin.newTenant')} busy={busy} onSubmit={submit}>
      <TextField id="tenant-name" label={t('admin.tenantName')} required value={tenant.name} onChange={(name) => setTenant({ ...tenant, name })} />
      <TextField
        id="tenant-id"
        label={t('admin.tenantId')}
        hint={t('admin.tenantIdHint')}
        required
        pattern="[a-z0-9][a-z0-9\-]{0,62}"
        value={tenant.id}
        onChange={(id) => setTenant({ ...tenant, id })}
      />
      <SelectField
        id="tenant-country"
        label={t('admin.country')}
        value={tenant.country}
        options={COUNTRIES.map((c) => ({ value: c, label: fmt.country(c) }))}
        onChange={(country) => setTenant({ ...tenant, country })}
      />
      <TextField
        id="tenant-networks"
        label={t('admin.networks')}
        hint={t('admin.networksHint')}
        value={tenant.networks}
        onChange={(networks) => setTenant({ ...tenant, networks })}
      />
    </CreateForm>
  );
}
