/** Light, dark, or follow the system (`prefers-color-scheme`). Saved in this browser only. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const KEY = 'vaern.theme';

export function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return (THEMES as readonly (string | null)[]).includes(value) ? (value as Theme) : 'system';
}

export function applyTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}

export function applyStoredTheme(): void {
  applyTheme(storedTheme());
}
