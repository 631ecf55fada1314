import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { makeFormatters, type Formatters } from './formatters.ts';
import { INTL_TAG, isLocale } from './index.ts';

export type { Formatters } from './formatters.ts';

/** Intl formatters for the current language; they change when the language does. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const tag = INTL_TAG[isLocale(i18n.language) ? i18n.language : 'en'];
  return useMemo(() => makeFormatters(tag), [tag]);
}
