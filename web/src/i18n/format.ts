import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INTL_TAG, isLocale } from './index.ts';

export interface Formatters {
  number(n: number): string;
  /** A part of a whole: "42 %". */
  share(fraction: number): string;
  /** A signed change: "+12 %", "−5 %". */
  change(fraction: number): string;
  dateTime(value: string | number): string;
  date(value: string | number): string;
  /** "5 minutes ago", "in 2 hours". */
  relative(value: string | number, now?: number): string;
  country(alpha2: string): string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** Intl formatters for the current language; they change when the language does. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const tag = INTL_TAG[isLocale(i18n.language) ? i18n.language : 'en'];
  return useMemo(() => makeFormatters(tag), [tag]);
}

export function makeFormatters(tag: string): Formatters {
  const num = new Intl.NumberFormat(tag);
  const share = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const change = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium' });
  const d = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const rel = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const regions = new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' });
  return {
    number: (n) => num.format(n),
    share: (f) => share.format(f),
    change: (f) => change.format(f),
    dateTime: (v) => dt.format(new Date(v)),
    date: (v) => d.format(new Date(v)),
    relative: (v, now = Date.now()) => {
      const diff = new Date(v).getTime() - now;
      const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? UNITS[UNITS.length - 1]!;
      return rel.format(Math.round(diff / ms), unit);
    },
    country: (code) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}
