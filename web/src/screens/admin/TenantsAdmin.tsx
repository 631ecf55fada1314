import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tenants } from '../../api/endpoints.ts';
import type { Tenant } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useMutation } from '../../hooks/useMutation.ts';
import { useFormat } from '../../i18n/format.ts';
import { useSession } from '../../session/AuthContext.tsx';
import { EditorCard } from '../../components/EditorCard.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { CreateForm } from '../../components/CreateForm.tsx';
import { HiddenHeader } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { StatusNotice } from '../../components/Notices.tsx';

const COUNTRIES = ['DK', 'NO'] as const;
type Country = (typeof COUNTRIES)[number];

/** A tenant as its form edits it: networks as the text the admin types. */
interface TenantDraft {
  name: string;
  country: Country;
  networks: string;
}

const isCountry = (c: string): c is Country => (COUNTRIES as readonly string[]).includes(c);
const parseNetworks = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** Municipalities: everyone in Administration sees theirs; centre administrators create and edit them. */
export function TenantsAdmin() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { isCentre } = useSession();
  const list = useApi(() => tenants.list(), []);
  const mutation = useMutation(list.reload);
  const [editing, setEditing] = useState<string>();
  const edited = list.data?.tenants.find((x) => x.id === editing);

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
          isCentre && {
            id: 'actions',
            header: <HiddenHeader>{t('admin.actions')}</HiddenHeader>,
            cell: (x) => (
              <button type="button" aria-expanded={x.id === editing} onClick={() => setEditing(x.id === editing ? undefined : x.id)}>
                {t('admin.editTenant', { name: x.name })}
              </button>
            ),
          },
        ]}
      />
      {isCentre && edited && (
        <TenantEditor
          key={edited.id}
          tenant={edited}
          busy={mutation.busy}
          onClose={() => setEditing(undefined)}
          onSave={(draft) =>
            void mutation.run(
              () => tenants.update(edited.id, { ...draft, networks: parseNetworks(draft.networks) }),
              t('admin.tenantSaved', { name: draft.name }),
            )
          }
        />
      )}
      {isCentre && (
        <NewTenantForm busy={mutation.busy} onCreate={(body) => void mutation.run(() => tenants.create(body), t('admin.tenantCreated', { name: body.name }))} />
      )}
    </div>
  );
}

/** Name, country and own networks: the fields a tenant's create and edit forms share. */
function TenantFields({ idPrefix, draft, onChange }: { idPrefix: string; draft: TenantDraft; onChange: (d: TenantDraft) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <TextField id={`${idPrefix}-name`} label={t('admin.tenantName')} required value={draft.name} onChange={(name) => onChange({ ...draft, name })} />
      <SelectField
        id={`${idPrefix}-country`}
        label={t('admin.country')}
        value={draft.country}
        options={COUNTRIES.map((c) => ({ value: c, label: fmt.country(c) }))}
        onChange={(country) => onChange({ ...draft, country })}
      />
      <TextField
        id={`${idPrefix}-networks`}
        label={t('admin.networks')}
        hint={t('admin.networksHint')}
        value={draft.networks}
        onChange={(networks) => onChange({ ...draft, networks })}
      />
    </>
  );
}

function TenantEditor({ tenant, busy, onSave, onClose }: { tenant: Tenant; busy: boolean; onSave: (d: TenantDraft) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TenantDraft>({
    name: tenant.name,
    country: isCountry(tenant.country) ? tenant.country : 'DK',
    networks: tenant.networks.join(' '),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(draft);
  };
  return (
    <EditorCard title={t('admin.editingTenant', { name: tenant.name })} onClose={onClose}>
      <form onSubmit={submit}>
        <div className="form-grid">
          <TenantFields idPrefix="edit-tenant" draft={draft} onChange={setDraft} />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </EditorCard>
  );
}

function NewTenantForm({ busy, onCreate }: { busy: boolean; onCreate: (tenant: Omit<Tenant, 'createdAt'> & { country: Country }) => void }) {
  const { t } = useTranslation();
  const empty = { id: '', name: '', country: 'DK' as Country, networks: '' };
  const [tenant, setTenant] = useState(empty);
  const submit = () => {
    onCreate({ ...tenant, networks: parseNetworks(tenant.networks) });
    setTenant(empty);
  };
  return (
    <CreateForm title={t('admin.newTenant')} busy={busy} onSubmit={submit}>
      <TextField
        id="tenant-id"
        label={t('admin.tenantId')}
        hint={t('admin.tenantIdHint')}
        required
        pattern="[a-z0-9][a-z0-9\-]{0,62}"
        value={tenant.id}
        onChange={(id) => setTenant({ ...tenant, id })}
      />
      <TenantFields idPrefix="tenant" draft={tenant} onChange={(d) => setTenant({ ...tenant, ...d })} />
    </CreateForm>
  );
}
