import { useTranslation } from 'react-i18next';
import { useAuth } from '../session/AuthContext.tsx';
import { LOCALES, isLocale } from '../i18n/index.ts';
import { SelectField } from '../components/Field.tsx';

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
const NATIVE_NAMES = { da: 'Dansk', nb: 'Norsk bokmål', en: 'English' } as const;
const OPTIONS = LOCALES.map((l) => ({ value: l, label: NATIVE_NAMES[l], lang: l }));

export function LanguageSwitcher({ id = 'language-select' }: { id?: string }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useAuth();
  return (
    <SelectField
      id={id}
      inline
      label={t('shell.language')}
      value={i18n.language}
      options={OPTIONS}
      onChange={(locale) => isLocale(locale) && void setLocale(locale)}
    />
  );
}
