import type { EventDoc } from './types.ts';

type Scalar = string | number | boolean | string[];

/**
 * Read a field from an event by its ECS name, whether the event is nested ECS JSON
 * (`{source:{ip}}`) or the flat inside form (`{'source.ip': ...}`). Alert samples may arrive as
 * JSON text; `asEvent` turns those into objects.
 */
export function ecsValue(event: EventDoc, name: string): Scalar | undefined {
  const flat = event[name];
  if (isScalar(flat)) return flat;
  let node: unknown = event;
  for (const part of name === '@timestamp' ? [name] : name.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as EventDoc)[part];
  }
  return isScalar(node) ? node : undefined;
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

export function asEvent(sample: unknown): EventDoc | undefined {
  if (typeof sample === 'string') {
    try {
      return asEvent(JSON.parse(sample));
    } catch {
      return undefined;
    }
  }
  return sample !== null && typeof sample === 'object' && !Array.isArray(sample) ? (sample as EventDoc) : undefined;
}

export function display(value: Scalar | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}
