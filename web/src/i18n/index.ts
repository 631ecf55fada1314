import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from './da.json';
import nb from './nb.json';
import en from './en.json';

/** The console's languages. The server stores one of these per user. */
export const LOCALES = ['da', 'nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for Intl: dates and numbers follow the country, not only the language. */
export const INTL_TAG: Record<Locale, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Before sign-in, take the browser's preference; after sign-in, the user's saved choice wins. */
function browserLocale(): Locale {
  for (const tag of navigator.languages) {
    const lang = tag.slice(0, 2).toLowerCase();
    if (lang === 'no' || lang === 'nn') return 'nb';
    if (isLocale(lang)) return lang;
  }
  return 'da';
}

void i18n.use(initReactI18next).init({
  resources: { da: { translation: da }, nb: { translation: nb }, en: { translation: en } },
  lng: browserLocale(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

export default i18n;
