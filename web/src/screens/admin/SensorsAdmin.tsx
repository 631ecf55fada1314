import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sensors } from '../../api/endpoints.ts';
import type { Sensor, SensorMatch } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useMutation } from '../../hooks/useMutation.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { CreateForm } from '../../components/CreateForm.tsx';
import { HiddenHeader } from '../../components/DataTable.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { SecretNotice, StatusNotice } from '../../components/Notices.tsx';
import { TenantSelect } from '../../components/TenantSelect.tsx';
import { sensorKey, useSensorColumns } from '../sensors/sensorColumns.tsx';

type MatchKind = SensorMatch['kind'];
const MATCH_KINDS: MatchKind[] = ['address', 'listener', 'token'];
const MATCH_KEYS: Record<MatchKind, string> = { address: 'sensors.matchAddress', listener: 'sensors.matchListener', token: 'sensors.matchToken' };

export function SensorsAdmin() {
  const { t } = useTranslation();
  const { tenant } = useTenant();
  const list = useApi(() => sensors.list(tenant), [tenant]);
  const mutation = useMutation(list.reload);
  const [secret, setSecret] = useState<string>();
  const c = useSensorColumns();
  const remove = (s: Sensor) => {
    if (window.confirm(t('admin.confirmRemoveSensor', { name: s.name }))) void mutation.run(() => sensors.remove(s.id), t('admin.sensorRemoved', { name: s.name }));
  };

  return (
    <div className="stack">
      <StatusNotice message={mutation.message} />
      <SecretNotice intro={t('admin.senderTokenOnce')} secret={secret} />
      <TableCard
        title={t('admin.sensors')}
        state={list}
        rows={(d) => d.sensors}
        rowKey={sensorKey}
        emptyText={t('sensors.none')}
        columns={[
          c.name,
          c.tenant,
          c.format,
          c.match,
          {
            id: 'actions',
            header: <HiddenHeader>{t('admin.actions')}</HiddenHeader>,
            cell: (s) => (
              <button type="button" className="button-danger" disabled={mutation.busy} onClick={() => remove(s)}>
                {t('admin.remove', { name: s.name })}
              </button>
            ),
          },
        ]}
      />
      <NewSensorForm
        busy={mutation.busy}
        onCreate={(body) =>
          void mutation.run(async () => setSecret((await sensors.create(body)).token), t('admin.sensorCreated', { name: body.name }))
        }
      />
    </div>
  );
}

interface NewSensor {
  tenant: string;
  name: string;
  format: string;
  match: SensorMatch;
}

function matchOf(kind: MatchKind, value: string): SensorMatch {
  if (kind === 'address') return { kind, cidr: value };
  if (kind === 'listener') return { kind, listener: value };
  return { kind };
}

function NewSensorForm({ busy, onCreate }: { busy: boolean; onCreate: (sensor: NewSensor) => void }) {
  const { t } = useTranslation();
  const { tenant: current, tenants } = useTenant();
  const [form, setForm] = useState({ tenant: current ?? tenants[0]?.id ?? '', name: '', format: 'auto', kind: 'address' as MatchKind, value: '' });
  const submit = () => {
    onCreate({ tenant: form.tenant, name: form.name, format: form.format, match: matchOf(form.kind, form.value) });
    setForm({ ...form, name: '', value: '' });
  };
  return (
    <CreateForm title={t('admin.newSensor')} busy={busy} onSubmit={submit}>
      <TenantSelect id="sensor-tenant" value={form.tenant} onChange={(tenant) => setForm({ ...form, tenant })} />
      <TextField id="sensor-name" label={t('sensors.sensor')} required pattern="[A-Za-z0-9._\-]{1,128}" value={form.name} onChange={(name) => setForm({ ...form, name })} />
      <TextField id="sensor-format" label={t('sensors.format')} hint={t('admin.formatHint')} required value={form.format} onChange={(format) => setForm({ ...form, format })} />
      <SelectField
        id="sensor-kind"
        label={t('sensors.match')}
        value={form.kind}
        options={MATCH_KINDS.map((k) => ({ value: k, label: t(MATCH_KEYS[k]) }))}
        onChange={(kind) => setForm({ ...form, kind })}
      />
      {form.kind !== 'token' && (
        <TextField
          id="sensor-value"
          label={form.kind === 'address' ? t('admin.senderCidr') : t('admin.listenerName')}
          required
          className="mono"
          value={form.value}
          onChange={(value) => setForm({ ...form, value })}
        />
      )}
    </CreateForm>
  );
}
