import { EVENT_FIELDS, type EventFieldName, type EventFieldValues } from './fields.ts';

/**
 * One normalised event, inside Vaern.
 *
 * The inside form is flat: property names are the ECS dotted names (`'source.ip'`), so a decoder
 * writes one object literal and the stores map properties to columns one to one. The outside form
 * (API, `vaern parse`) is nested ECS JSON, produced by `toEcs`.
 *
 * `@timestamp` and `vaern.tenant` are always present; everything else is optional.
 */
export type VaernEvent = Partial<EventFieldValues> & {
  '@timestamp': number;
  'vaern.tenant': string;
};

/** A JSON object as ECS nests it: `{"source": {"ip": "..."}}`. */
export type EcsObject = { [key: string]: EcsValue };
export type EcsValue = string | number | boolean | string[] | EcsObject;

/**
 * Nested ECS JSON of an event. Dates become ISO 8601 strings; empty values are left out.
 *
 * Written by hand rather than with a generic "unflatten" library because it runs once per event
 * on the `vaern parse` hot path and the catalogue lets us precompute each field's path.
 */
export function toEcs(event: VaernEvent): EcsObject {
  const out: EcsObject = {};
  for (const key in event) {
    const value = event[key as EventFieldName];
    if (value === undefined || value === null || value === '') continue;
    const path = FIELD_PATHS.get(key as EventFieldName);
    if (path === undefined) continue;
    setPath(out, path, EVENT_FIELDS[key as EventFieldName] === 'date' ? new Date(value as number).toISOString() : value);
  }
  return out;
}

/** Put `value` at `path` in a nested ECS object, creating the objects on the way. */
export function setPath(root: EcsObject, path: readonly string[], value: EcsValue): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    let child = node[seg];
    if (child === undefined || typeof child !== 'object' || Array.isArray(child)) {
      child = {};
      node[seg] = child;
    }
    node = child;
  }
  node[path[path.length - 1]!] = value;
}

/** Where `toEcs` puts a catalogue field: its name split at the dots; undefined for other names. */
export function ecsPath(name: string): readonly string[] | undefined {
  return FIELD_PATHS.get(name as EventFieldName);
}

/** The inverse of `toEcs`: flattens nested ECS JSON onto known fields, ignoring unknown ones. */
export function fromEcs(doc: EcsObject): Partial<EventFieldValues> {
  const out: Record<string, unknown> = {};
  const walk = (node: EcsObject, prefix: string): void => {
    for (const [k, v] of Object.entries(node)) {
      const name = prefix === '' ? k : `${prefix}.${k}`;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        walk(v, name);
      } else if (Object.hasOwn(EVENT_FIELDS, name)) {
        const type = EVENT_FIELDS[name as EventFieldName];
        out[name] = type === 'date' && typeof v === 'string' ? Date.parse(v) : v;
      }
    }
  };
  walk(doc, '');
  return out as Partial<EventFieldValues>;
}

const FIELD_PATHS = new Map<EventFieldName, string[]>(
  (Object.keys(EVENT_FIELDS) as EventFieldName[]).map((name) => [name, name === '@timestamp' ? [name] : name.split('.')]),
);
