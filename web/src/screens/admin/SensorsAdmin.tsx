import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sensors } from '../../api/endpoints.ts';
import type { SensorMatch } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { MatchText } from '../sensors/MatchText.tsx';
import { useMutation } from './useMutation.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

type MatchKind = SensorMatch['kind'];
const MATCH_KEYS: Record<MatchKind, string> = { address: 'sensors.matchAddress', listener: 'sensors.matchListener', token: 'sensors.matchToken' };

export function SensorsAdmin() {
  const { t } = useTranslation();
  const { tenant, tenantName } = useTenant();
  const list = useApi(() => sensors.list(tenant), [tenant]);
  const mutation = useMutation();
  const [secret, setSecret] = useState<string>();

  return (
    <div className="stack">
      <p role="status" className={mutation.message ? 'notice' : 'visually-hidden'}>
        {mutation.message}
      </p>
      {secret && (
        <div className="notice">
          <p>{t('admin.senderTokenOnce')}</p>
          <p className="secret mono">{secret}</p>
        </div>
      )}
      <Card title={t('admin.sensors')}>
        {list.error ? (
          <ErrorMessage error={list.error} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.sensors.length === 0 ? (
          <Empty>{t('sensors.none')}</Empty>
        ) : (
          <TableWrap>
            <table className="data-table">
              <caption className="visually-hidden">{t('admin.sensors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sensors.sensor')}</th>
                  <th scope="col">{t('common.tenant')}</th>
                  <th scope="col">{t('sensors.format')}</th>
                  <th scope="col">{t('sensors.match')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.sensors.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{tenantName(s.tenant)}</td>
                    <td>{s.format}</td>
                    <td>
                      <MatchText match={s.match} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button-danger"
                        disabled={mutation.busy}
                        onClick={() => {
                          if (window.confirm(t('admin.confirmRemoveSensor', { name: s.name })))
                            void mutation.run(() => sensors.remove(s.id), t('admin.sensorRemoved', { name: s.name })).then(list.reload);
                        }}
                      >
                        {t('admin.remove', { name: s.name })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <NewSensorForm
        busy={mutation.busy}
        onCreate={(body) =>
          void mutation
            .run(async () => {
              const created = await sensors.create(body);
              setSecret(created.token);
            }, t('admin.sensorCreated', { name: body.name }))
            .then(list.reload)
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

function NewSensorForm({ busy, onCreate }: { busy: boolean; onCreate: (sensor: NewSensor) => void }) {
  const { t } = useTranslation();
  const { tenant: current, tenants } = useTenant();
  const [form, setForm] = useState({ tenant: current ?? tenants[0]?.id ?? '', name: '', format: 'auto', kind: 'address' as MatchKind, value: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const match: SensorMatch =
      form.kind === 'address' ? { kind: 'address', cidr: form.value } : form.kind === 'listener' ? { kind: 'listener', listener: form.value } : { kind: 'token' };
    onCreate({ tenant: form.tenant, name: form.name, format: form.format, match });
    setForm({ ...form, name: '', value: '' });
  };
  return (
    <Card title={t('admin.newSensor')}>
      <form onSubmit={submit}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="sensor-tenant">{t('common.tenant')}</label>
            <select id="sensor-tenant" value={form.tenant} onChange={(e) => setForm({ ...form, tenant: e.target.value })}>
              {tenants.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sensor-name">{t('sensors.sensor')}</label>
            <input id="sensor-name" required pattern="[A-Za-z0-9._\-]{1,128}" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="sensor-format">{t('sensors.format')}</label>
            <input id="sensor-format" required aria-describedby="sensor-format-hint" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value })} />
            <span className="hint" id="sensor-format-hint">
              {t('admin.formatHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="sensor-kind">{t('sensors.match')}</label>
            <select id="sensor-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as MatchKind })}>
              {(Object.keys(MATCH_KEYS) as MatchKind[]).map((k) => (
                <option key={k} value={k}>
                  {t(MATCH_KEYS[k])}
                </option>
              ))}
            </select>
          </div>
          {form.kind !== 'token' && (
            <div className="field">
              <label htmlFor="sensor-value">{form.kind === 'address' ? t('admin.senderCidr') : t('admin.listenerName')}</label>
              <input id="sensor-value" required className="mono" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} />
            </div>
          )}
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('common.create')}
        </button>
      </form>
    </Card>
  );
}
