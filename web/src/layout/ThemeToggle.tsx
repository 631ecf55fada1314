import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEMES, applyTheme, storedTheme, type Theme } from './theme.ts';

const LABEL_KEYS: Record<Theme, string> = { system: 'theme.system', light: 'theme.light', dark: 'theme.dark' };

export function ThemeToggle() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <div className="field-inline">
      <label htmlFor="theme-select">{t('theme.label')}</label>
      <select
        id="theme-select"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          applyTheme(next);
          setTheme(next);
        }}
      >
        {THEMES.map((x) => (
          <option key={x} value={x}>
            {t(LABEL_KEYS[x])}
          </option>
        ))}
      </select>
    </div>
  );
}
