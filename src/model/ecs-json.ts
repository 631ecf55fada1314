import { EVENT_FIELDS, type EventFieldName } from './fields.ts';
import { ecsPath, setPath, type EcsObject, type VaernEvent } from './event.ts';

/**
 * `JSON.stringify(toEcs(event))` in one pass, without building the nested object.
 *
 * This is `vaern parse`'s hot path, where building ECS's nested objects and then stringifying
 * them cost about twice the decoding itself. Events from one decoder come in a few recurring
 * "shapes" (the sequence of their non-empty fields), and a shape's nesting is the same every time,
 * so each shape is compiled once into literal JSON text with a slot per value:
 * `{"@timestamp":` V `,"source":{"ip":` V … Per event only the values are formatted; a string is
 * passed through JSON.stringify only when a scan finds something to escape. No JSON library
 * compiles a serializer for key sets known only at run time (fast-json-stringify wants a schema),
 * and the nesting must follow `toEcs` exactly, so it is hand-written.
 */
export function toEcsJson(event: VaernEvent): string {
  let node = ROOT;
  let n = 0;
  const values = VALUES;
  for (const key in event) {
    const value = event[key as EventFieldName];
    if (value === undefined || value === null || value === '') continue;
    values[n++] = value;
    node = node.lastKey === key ? node.last! : node.step(key);
  }
  const { text, slots, dates, lastValue, lastJson } = node.plan ?? node.compile();
  let out = text[0]!;
  for (let i = 0; i < slots.length; i++) {
    const value = values[slots[i]!]!;
    if (value !== lastValue[i] && !(typeof value === 'object' && sameStrings(value, lastValue[i]))) {
      // A copy of an array: the event's own may be changed after this.
      lastValue[i] = Array.isArray(value) ? [...value] : value;
      lastJson[i] = (dates[i] === 1 ? `"${isoTime(value as number)}"` : jsonValue(value)) + text[i + 1]!;
    }
    out += lastJson[i]!;
  }
  return out;
}

type Value = NonNullable<VaernEvent[EventFieldName]>;

/** The values of the event being written, in its own key order (reused: writing is synchronous). */
const VALUES: Value[] = [];

/** Literal text around the slots: text[0] slot[0] text[1] … slot[n-1] text[n]. */
interface EcsPlan {
  readonly text: readonly string[];
  /** For each slot in output order, the index of its value in event key order. */
  readonly slots: readonly number[];
  /** 1 where the slot is a date field (epoch ms written as an ISO 8601 string). */
  readonly dates: Uint8Array;
  /**
   * Each slot's last value, and its JSON followed by the slot's literal text: most fields repeat
   * from one event to the next (tenant, observer, zones, actions), and reusing their text skips the
   * escape scan and concatenations.
   */
  readonly lastValue: (Value | undefined)[];
  readonly lastJson: string[];
}

/**
 * A node of the trie of shapes: the fields seen so far, in event order. Each node remembers its
 * last successor, so a run of same-shaped events costs one string comparison per field.
 */
class Shape {
  lastKey: string | undefined;
  last: Shape | undefined;
  plan: EcsPlan | undefined;
  private readonly keys: readonly string[];
  private readonly next = new Map<string, Shape>();

  constructor(keys: readonly string[]) {
    this.keys = keys;
  }

  step(key: string): Shape {
    let child = this.next.get(key);
    if (child === undefined) {
      child = new Shape([...this.keys, key]);
      this.next.set(key, child);
    }
    this.lastKey = key;
    this.last = child;
    return child;
  }

  /**
   * Lays the shape's fields out as `toEcs` nests them, by running its own `setPath` on slot
   * numbers, so the nesting order and any overwrite of one path by another follow it exactly.
   */
  compile(): EcsPlan {
    const tree: EcsObject = {};
    this.keys.forEach((key, i) => {
      const path = ecsPath(key);
      if (path !== undefined) setPath(tree, path, i);
    });
    const text: string[] = [];
    const slots: number[] = [];
    const dates: number[] = [];
    let pending = '';
    const walk = (node: EcsObject): void => {
      pending += '{';
      let first = true;
      for (const [k, v] of Object.entries(node)) {
        pending += `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        if (typeof v === 'number') {
          text.push(pending);
          pending = '';
          slots.push(v);
          dates.push(EVENT_FIELDS[this.keys[v] as EventFieldName] === 'date' ? 1 : 0);
        } else {
          walk(v as EcsObject);
        }
      }
      pending += '}';
    };
    walk(tree);
    text.push(pending);
    this.plan = { text, slots, dates: Uint8Array.from(dates), lastValue: slots.map(() => undefined), lastJson: slots.map(() => '') };
    return this.plan;
  }
}

const ROOT = new Shape([]);

/** Characters JSON.stringify escapes: quote, backslash, controls, and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonValue(value: Value): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : 'null';
  if (Array.isArray(value)) return jsonStrings(value);
  return JSON.stringify(value) ?? 'null';
}

/** True when `a` and `b` are arrays of the same strings. */
function sameStrings(a: object, b: Value | undefined): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string' || a[i] !== b[i]) return false;
  return true;
}

/** An ECS keyword array; JSON.stringify when anything in it is not a string. */
function jsonStrings(list: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string') return JSON.stringify(list);
    out += (i === 0 ? '' : ',') + jsonValue(item);
  }
  return `${out}]`;
}

/**
 * `new Date(ms).toISOString()`, with the text up to the second cached: an event stream's times
 * mostly fall in the same second as the previous event's.
 */
function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= MAX_TIME) return new Date(ms).toISOString();
  const msPart = ms % 1000;
  const second = ms - msPart;
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second).toISOString().slice(0, -4);
  }
  return cachedPrefix + (msPart < 10 ? `00${msPart}Z` : msPart < 100 ? `0${msPart}Z` : `${msPart}Z`);
}

/** From here on Date is invalid and toISOString throws, as it does in toEcs. */
const MAX_TIME = 8.64e15;
let cachedSecond = -1;
let cachedPrefix = '';
