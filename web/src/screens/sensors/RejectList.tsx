import { useTranslation } from 'react-i18next';
import { rejects } from '../../api/endpoints.ts';
import { useApi } from '../../hooks/useApi.ts';
import { usePeriod } from '../../hooks/usePeriod.ts';
import { useFormat } from '../../i18n/format.ts';
import { useTenant } from '../../session/TenantContext.tsx';
import { Card } from '../../components/Card.tsx';
import { RangePicker } from '../../components/RangePicker.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

const LIMIT = 100;
const RAW_SHOWN = 160;

/** Input that could not be decoded, with the decoder's reason, newest first. */
export function RejectList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { tenant, tenantName } = useTenant();
  const [period, setRange] = usePeriod('24h');
  const list = useApi(() => rejects.list({ from: period.from, to: period.to, tenant, limit: LIMIT }), [period, tenant]);

  let body;
  if (list.error) body = <ErrorMessage error={list.error} />;
  else if (!list.data) body = <Loading />;
  else if (list.data.rejects.length === 0) body = <Empty>{t('rejects.none')}</Empty>;
  else
    body = (
      <TableWrap>
        <table className="data-table compact">
          <caption className="visually-hidden">{t('rejects.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rejects.received')}</th>
              {!tenant && <th scope="col">{t('common.tenant')}</th>}
              <th scope="col">{t('sensors.sensor')}</th>
              <th scope="col">{t('rejects.origin')}</th>
              <th scope="col">{t('sensors.format')}</th>
              <th scope="col">{t('rejects.reason')}</th>
              <th scope="col">{t('rejects.raw')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.rejects.map((r, i) => (
              <tr key={`${r.receivedAt}-${i}`}>
                <td>{fmt.dateTime(r.receivedAt)}</td>
                {!tenant && <td>{tenantName(r.tenant)}</td>}
                <td>{r.sensor}</td>
                <td className="mono">{r.line === undefined ? r.origin : `${r.origin}:${r.line}`}</td>
                <td>{r.format}</td>
                <th scope="row">{r.reason}</th>
                <td>
                  <code title={r.raw}>{r.raw.length > RAW_SHOWN ? `${r.raw.slice(0, RAW_SHOWN)}…` : r.raw}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    );

  return (
    <Card title={t('rejects.title')} actions={<RangePicker value={period.range} onChange={setRange} />}>
      {body}
    </Card>
  );
}
