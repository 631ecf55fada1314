import { z } from 'zod';
import { stringify } from 'yaml';
import { VaernConfig } from './config.ts';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/**
 * The configuration reference (docs/configuration.md), generated from the zod schema so the
 * documentation cannot drift from what Vaern accepts. A test compares the committed file with
 * this output.
 */
export function configurationReference(): string {
  const schema = z.toJSONSchema(VaernConfig, { io: 'input' }) as JsonSchema;
  const rows: string[] = [];
  const longDefaults: string[] = [];
  walk(schema, '', rows, longDefaults);
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/config.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Vaern reads `vaern.yaml` from the working directory, or the file named by `VAERN_CONFIG`.',
    'Environment variables (`VAERN_PORT`, `VAERN_HOST`, `VAERN_DATA_DIR`, `VAERN_SYSLOG_PORT`, `VAERN_NETFLOW_PORT`,',
    '`VAERN_LOG_LEVEL`, `VAERN_ADMIN_PASSWORD`) override the file. Unknown keys are rejected.',
    '',
    '| key | type | default | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## Defaults too long for the table',
    '',
    ...longDefaults,
  ].join('\n');
}

function walk(s: JsonSchema, path: string, rows: string[], longDefaults: string[]): void {
  if (path !== '') {
    const shown = defaultOf(s);
    if (shown === LONG) longDefaults.push(`\`${path}\`:`, '', '```yaml', stringify(s.default).trimEnd(), '```', '');
    rows.push(`| \`${path}\` | ${typeOf(s)} | ${shown} | ${(s.description ?? '').replaceAll('|', '\\|')} |`);
  }
  if (s.properties !== undefined) {
    for (const [k, v] of Object.entries(s.properties)) walk(v, path === '' ? k : `${path}.${k}`, rows, longDefaults);
  } else if (s.items?.properties !== undefined) {
    for (const [k, v] of Object.entries(s.items.properties)) walk(v, `${path}[].${k}`, rows, longDefaults);
  }
}

const LONG = 'see below';

function typeOf(s: JsonSchema): string {
  if (s.enum !== undefined) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const t = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  if (t === 'array') return s.items?.properties !== undefined ? 'list of objects' : `list of ${s.items?.type ?? 'values'}`;
  const range = s.minimum !== undefined && s.maximum !== undefined ? ` ${s.minimum}–${s.maximum}` : '';
  return `${t}${range}`;
}

function defaultOf(s: JsonSchema): string {
  if (s.default === undefined) return '';
  const text = JSON.stringify(s.default);
  return text.length > 60 ? LONG : `\`${text}\``;
}
