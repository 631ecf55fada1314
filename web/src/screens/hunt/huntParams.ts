/** The hunt's filters, as kept in the URL so a search can be bookmarked and shared. */
export const HUNT_FIELDS = ['ip', 'cidr', 'port', 'country', 'asn', 'action', 'sensor'] as const;
export type HuntField = (typeof HUNT_FIELDS)[number];
export type HuntValues = Record<HuntField | 'from' | 'to', string>;

const DAY = 86_400_000;

export function huntValuesOf(params: URLSearchParams, now = Date.now()): HuntValues {
  const values = { from: params.get('from') ?? new Date(now - DAY).toISOString(), to: params.get('to') ?? new Date(now).toISOString() } as HuntValues;
  for (const f of HUNT_FIELDS) values[f] = params.get(f) ?? '';
  return values;
}

/** Hourly bars up to three days, daily beyond. */
export function intervalFor(from: string, to: string): 'hour' | 'day' {
  return new Date(to).getTime() - new Date(from).getTime() <= 3 * DAY ? 'hour' : 'day';
}

/** `<input type="datetime-local">` speaks local wall-clock time without a zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
