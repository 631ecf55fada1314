import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toEcs, type VaernEvent } from '../../src/model/event.ts';
import { toEcsJson } from '../../src/model/ecs-json.ts';
import { EVENT_FIELDS, EVENT_FIELD_NAMES, type EventFieldName } from '../../src/model/fields.ts';

/** Strings that exercise every escaping rule: quotes, backslashes, controls, non-ASCII, lone surrogates. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', 'ø', 'Tromsø', '日本', '\ud83d\ude00', '\ud800', '\udfff', 'a"b\\c'),
);
const numbers = fc.oneof(
  fc.integer({ min: 0, max: 65535 }),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2),
);
const time = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.constantFrom(0, 999, 1000, 1_700_000_000_000, 1_700_000_000_001, 8.64e15),
);

function valueOf(name: EventFieldName): fc.Arbitrary<unknown> {
  switch (EVENT_FIELDS[name]) {
    case 'date': return time;
    case 'long': return numbers;
    case 'keyword[]': return fc.array(text, { maxLength: 4 });
    default: return text;
  }
}

/** Events with random fields in random order, empty values included, sometimes an unknown key. */
const events = fc
  .tuple(
    time,
    text,
    fc.uniqueArray(fc.constantFrom(...EVENT_FIELD_NAMES), { maxLength: 30 }).chain((names) =>
      fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), fc.oneof({ weight: 6, arbitrary: valueOf(n) }, { weight: 1, arbitrary: fc.constantFrom(undefined, '') })))),
    ),
    fc.option(fc.string(), { nil: undefined }),
  )
  .map(([ts, tenant, fields, unknown]) => {
    const e: Record<string, unknown> = { '@timestamp': ts, 'vaern.tenant': tenant };
    for (const [name, value] of fields) e[name] = value;
    if (unknown !== undefined) e['not.a.field'] = unknown;
    return e as VaernEvent;
  });

test('toEcsJson writes exactly JSON.stringify(toEcs(e)) for random events', () => {
  fc.assert(
    fc.property(events, assertSame),
    { numRuns: 1500 },
  );
});

test('toEcsJson keeps each shape apart: the same fields in another order or with a field empty', () => {
  const base: VaernEvent = { '@timestamp': 1_700_000_000_123, 'vaern.tenant': 't', 'source.ip': '192.0.2.1', 'destination.ip': '198.51.100.2', 'source.port': 1 };
  const reordered: VaernEvent = { 'vaern.tenant': 't', 'source.port': 1, 'destination.ip': '198.51.100.2', '@timestamp': 1_700_000_000_123, 'source.ip': '192.0.2.1' };
  const emptied: VaernEvent = { ...base, 'source.ip': '' };
  for (const e of [base, reordered, emptied, base, emptied, reordered]) {
    const json = toEcsJson(e);
    assert.equal(json, JSON.stringify(toEcs(e)));
    assert.deepEqual(JSON.parse(json), toEcs(e));
  }
  assert.equal(toEcsJson(reordered), '{"vaern":{"tenant":"t"},"source":{"port":1,"ip":"192.0.2.1"},"destination":{"ip":"198.51.100.2"},"@timestamp":"2023-11-14T22:13:20.123Z"}');
});

test('toEcsJson follows values that repeat, change, and arrays changed in place', () => {
  const types = ['connection'];
  const e: VaernEvent = { '@timestamp': 1_700_000_000_000, 'vaern.tenant': 't', 'event.type': types, 'source.port': 1 };
  const seen: string[] = [];
  for (const step of [() => {}, () => types.push('allowed'), () => (e['vaern.tenant'] = 'u'), () => (e['source.port'] = 2), () => (types[0] = 'end'), () => (e['event.type'] = [...types])]) {
    step();
    const json = toEcsJson(e);
    assert.equal(json, JSON.stringify(toEcs(e)));
    seen.push(json);
  }
  assert.equal(new Set(seen).size, 5);
});

/** toEcsJson gives JSON.stringify(toEcs(e)), or throws where that throws (a time Date cannot hold). */
function assertSame(e: VaernEvent): void {
  let want: string;
  try {
    want = JSON.stringify(toEcs(e));
  } catch {
    assert.throws(() => toEcsJson(e), RangeError);
    return;
  }
  assert.equal(toEcsJson(e), want);
}

/** Runs of events that share shapes and many values, as a decoder's output does. */
const runs = fc.array(fc.tuple(events, fc.integer({ min: 1, max: 4 }), fc.nat()), { maxLength: 8 });

test('toEcsJson over runs of similar events equals JSON.stringify(toEcs(e))', () => {
  fc.assert(
    fc.property(runs, (list) => {
      for (const [e, times, seed] of list) {
        for (let k = 0; k < times; k++) {
          const copy: Record<string, unknown> = { ...e };
          // Change one field per repetition, keeping the shape.
          const keys = Object.keys(copy);
          const key = keys[(seed + k) % keys.length]!;
          const v = copy[key];
          copy[key] = typeof v === 'number' ? v + k : typeof v === 'string' && v !== '' ? `${v}${k}` : Array.isArray(v) ? [...(v as unknown[]), String(k)] : v;
          assertSame(copy as VaernEvent);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('toEcsJson throws where toEcs throws: a time outside what Date can hold', () => {
  const e: VaernEvent = { '@timestamp': 8.64e15 + 1, 'vaern.tenant': 't' };
  assert.throws(() => toEcs(e), RangeError);
  assert.throws(() => toEcsJson(e), RangeError);
});
