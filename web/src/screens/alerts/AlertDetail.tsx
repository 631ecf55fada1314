import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { alerts } from '../../api/endpoints.ts';
import { asEvent } from '../../api/ecs.ts';
import type { Alert, EventDoc } from '../../api/types.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { EventTable } from '../../components/EventTable.tsx';
import { SeverityBadge } from '../../components/SeverityBadge.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { STATUS_KEYS } from './status.ts';
import { useAlertActions } from './useAlertActions.ts';
import { SuppressForm } from './SuppressForm.tsx';
import { evidenceRows, localiseTimes } from './evidence.ts';

export function AlertDetail({ id, onChanged }: { id: string; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const detail = useApi(() => alerts.get(id), [id]);
  const actions = useAlertActions((message) => {
    detail.reload();
    onChanged(message);
  });
  const alert = detail.data?.alert;

  return (
    <Card title={alert?.title ?? t('alerts.detail')} className="alert-detail" actions={<Link to="/alerts">{t('common.close')}</Link>}>
      {detail.error ? (
        <ErrorMessage error={detail.error} />
      ) : !alert ? (
        <Loading />
      ) : (
        <div className="stack">
          <AlertFacts alert={alert} />
          <div className="form-actions">
            <button type="button" disabled={actions.busy || alert.status !== 'open'} onClick={() => void actions.acknowledge([alert.id])}>
              {t('alerts.acknowledge')}
            </button>
            <button type="button" disabled={actions.busy || alert.status === 'closed'} onClick={() => void actions.close([alert.id])}>
              {t('alerts.close')}
            </button>
          </div>
          {alert.explanation && <Explanation text={alert.explanation} />}
          <Entities related={alert.related} entity={alert.entity} />
          <Evidence alert={alert} />
          <SuppressForm busy={actions.busy} onSuppress={(reason, hours) => void actions.suppress(alert.id, reason, hours)} />
        </div>
      )}
    </Card>
  );
}

function AlertFacts({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenantName } = useTenant();
  return (
    <dl className="facts">
      <dt>{t('alerts.severity')}</dt>
      <dd>
        <SeverityBadge severity={alert.severity} />
      </dd>
      <dt>{t('alerts.score')}</dt>
      <dd>{fmt.number(alert.score)} / 100</dd>
      <dt>{t('alerts.status')}</dt>
      <dd>{t(STATUS_KEYS[alert.status])}</dd>
      <dt>{t('common.tenant')}</dt>
      <dd>{tenantName(alert.tenant)}</dd>
      <dt>{t('alerts.technique')}</dt>
      <dd>
        <a href={`https://attack.mitre.org/techniques/${alert.technique.id.replace('.', '/')}/`} target="_blank" rel="noreferrer">
          {`${alert.technique.id} ${alert.technique.name}`}
        </a>
      </dd>
      <dt>{t('alerts.detector')}</dt>
      <dd>{alert.detector}</dd>
      <dt>{t('alerts.firstSeen')}</dt>
      <dd>{fmt.dateTime(alert.firstSeen)}</dd>
      <dt>{t('alerts.lastSeen')}</dt>
      <dd>{fmt.dateTime(alert.lastSeen)}</dd>
      <dt>{t('alerts.count')}</dt>
      <dd>{fmt.number(alert.count)}</dd>
    </dl>
  );
}

type Related = Alert['related'];
const RELATED_KEYS: Record<keyof Related, string> = { ip: 'alerts.relatedIp', hosts: 'alerts.relatedHosts', users: 'alerts.relatedUsers' };

function Entities({ related, entity }: { related: Related; entity: string }) {
  const { t } = useTranslation();
  const kinds = (Object.keys(RELATED_KEYS) as (keyof Related)[]).filter((kind) => related[kind].length > 0);
  return (
    <section>
      <h3>{t('alerts.entities')}</h3>
      <p>
        {t('alerts.entity')}: <span className="mono">{entity}</span>
      </p>
      <dl className="facts">
        {kinds.map((kind) => (
          <div key={kind}>
            <dt>{t(RELATED_KEYS[kind])}</dt>
            <dd>
              <ul className="chips">
                {related[kind].map((v) => (
                  <li key={v} className="mono">
                    {kind === 'ip' ? <Link to={`/hunt?ip=${encodeURIComponent(v)}`}>{v}</Link> : v}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * Detectors write their explanation in English (it is also the `message` of `vaern detect`'s
 * output); its times are shown in the reader's locale, and the text is marked as English so a
 * screen reader reads it with the right voice.
 */
function Explanation({ text }: { text: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const english = i18n.language === 'en';
  return (
    <section>
      <h3>{t('alerts.explanation')}</h3>
      <p className="explanation" lang={english ? undefined : 'en'}>
        {localiseTimes(text, fmt)}
      </p>
      {!english && <p className="muted">{t('alerts.explanationInEnglish')}</p>}
    </section>
  );
}

function Evidence({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = evidenceRows(alert.detector, alert.evidence.counts, fmt);
  const samples = alert.evidence.sampleEvents.map(asEvent).filter((e): e is EventDoc => e !== undefined);
  return (
    <section>
      <h3>{t('alerts.evidence')}</h3>
      {counts.length > 0 && (
        <dl className="facts">
          {counts.map((row) => (
            <div key={row.name}>
              <dt>{row.label === undefined ? row.name : t(row.label)}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {samples.length > 0 && <EventTable events={samples} caption={t('alerts.samples')} />}
    </section>
  );
}
