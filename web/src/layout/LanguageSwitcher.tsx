import { useTranslation } from 'react-i18next';
import { useAuth } from '../session/AuthContext.tsx';
import { LOCALES, isLocale } from '../i18n/index.ts';

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
const NATIVE_NAMES = { da: 'Dansk', nb: 'Norsk bokmål', en: 'English' } as const;

export function LanguageSwitcher({ id = 'language-select' }: { id?: string }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useAuth();
  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('shell.language')}</label>
      <select id={id} value={i18n.language} onChange={(e) => isLocale(e.target.value) && void setLocale(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
