/**
 * Dates, numbers, durations and sizes per locale, from Intl alone: no React or i18next here, so
 * the console's pure helpers (and their tests under Node) can use them.
 */
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
  /** A length of time in the largest fitting unit: "3 min", "1,5 t". */
  duration(ms: number): string;
  /** A byte count in decimal units: "12,4 MB". */
  bytes(n: number): string;
  /** A measured value with up to two decimals: "4,37". */
  decimal(n: number): string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** Largest unit first; a duration is shown in the first one it reaches. */
const DURATION_UNITS: [string, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
  ['millisecond', 1],
];

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function makeFormatters(tag: string): Formatters {
  const num = new Intl.NumberFormat(tag);
  const share = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const change = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium' });
  const d = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const rel = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const regions = new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' });
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const unit = (u: string) => new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 });
  const durations = DURATION_UNITS.map(([u, size]) => [unit(u), size] as const);
  const bytes = BYTE_UNITS.map(unit);
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
    duration: (ms) => {
      const [f, size] = durations.find(([, size]) => Math.abs(ms) >= size) ?? durations[durations.length - 1]!;
      return f.format(ms / size);
    },
    bytes: (n) => {
      const power = Math.min(bytes.length - 1, Math.max(0, Math.floor(Math.log10(Math.abs(n) || 1) / 3)));
      return bytes[power]!.format(n / 1000 ** power);
    },
    decimal: (n) => decimal.format(n),
    country: (code) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}
