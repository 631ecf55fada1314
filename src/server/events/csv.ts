import type { VaernEvent } from '../../model/event.ts';
import type { EventFieldName } from '../../model/fields.ts';

/**
 * The CSV export's fixed columns: the fields an analyst pastes into a spreadsheet or a report.
 * Fixed so that exports from different days line up; the full event is in the JSON API.
 */
export const CSV_COLUMNS = [
  '@timestamp',
  'vaern.tenant',
  'vaern.sensor',
  'event.action',
  'event.outcome',
  'network.transport',
  'source.ip',
  'source.port',
  'source.geo.country_iso_code',
  'source.as.number',
  'source.as.organization.name',
  'destination.ip',
  'destination.port',
  'network.direction',
  'rule.id',
  'rule.name',
  'observer.hostname',
  'message',
] as const satisfies readonly EventFieldName[];

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

/** One RFC 4180 row. */
export function csvRow(event: VaernEvent): string {
  return CSV_COLUMNS.map((c) => csvCell(c === '@timestamp' ? new Date(event[c]).toISOString() : event[c])).join(',') + '\r\n';
}

/**
 * Quote when needed, and defuse spreadsheet formulas: text from attackers (messages, AS names,
 * hostnames) must not run as a formula when the export is opened (CSV injection), so a text
 * cell starting with = + - @ or a control character gets a leading apostrophe.
 */
export function csvCell(value: string | number | readonly string[] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = typeof value === 'string' ? value : value.join(' ');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
