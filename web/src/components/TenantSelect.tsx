import { useTranslation } from 'react-i18next';
import { useTenant } from '../session/TenantContext.tsx';
import { SelectField, type Option } from './Field.tsx';

/** The tenants the user may see, as a select; `first` is an extra leading choice (all tenants, centre-wide). */
export function TenantSelect({
  id,
  value,
  onChange,
  first,
  label,
  inline,
}: {
  id: string;
  value: string;
  onChange: (tenant: string) => void;
  first?: Option<string> | false;
  label?: string;
  inline?: boolean;
}) {
  const { t } = useTranslation();
  const { tenants } = useTenant();
  const options = tenants.map((x) => ({ value: x.id, label: x.name }));
  return <SelectField id={id} label={label ?? t('common.tenant')} value={value} options={first ? [first, ...options] : options} onChange={onChange} inline={inline} />;
}
