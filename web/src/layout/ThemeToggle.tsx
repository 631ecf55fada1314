import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../components/Field.tsx';
import { THEMES, applyTheme, storedTheme, type Theme } from './theme.ts';

const LABEL_KEYS: Record<Theme, string> = { system: 'theme.system', light: 'theme.light', dark: 'theme.dark' };

export function ThemeToggle() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <SelectField
      id="theme-select"
      inline
      label={t('theme.label')}
      value={theme}
      options={THEMES.map((x) => ({ value: x, label: t(LABEL_KEYS[x]) }))}
      onChange={(next) => {
        applyTheme(next);
        setTheme(next);
      }}
    />
  );
}
