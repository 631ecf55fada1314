import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TENANTS, scopeOf } from '../../../src/model/tenant.ts';
import { createStreamHub, sseFrame, statsFor } from '../../../src/server/stream/hub.ts';
import { ingestStats, NOW } from '../fixture.ts';

function collector(scope = scopeOf(['alfa'])) {
  const frames: string[] = [];
  return { frames, sub: { scope, write: (f: string) => (frames.push(f), true), close: () => frames.push('<closed>') } };
}

test('emit reaches only subscribers whose scope holds the tenant', () => {
  const hub = createStreamHub({ stats: ingestStats, now: () => NOW });
  const alfa = collector(scopeOf(['alfa']));
  const centre = collector(ALL_TENANTS);
  hub.subscribe(alfa.sub);
  hub.subscribe(centre.sub);
  assert.equal(hub.emit('bravo', 'alert', { id: 1 }), 1);
  assert.equal(hub.emit('alfa', 'alert', { id: 2 }), 2);
  assert.deepEqual(alfa.frames, [sseFrame('alert', { tenant: 'alfa', data: { id: 2 } })]);
  assert.equal(centre.frames.length, 2);
  hub.closeAll();
  assert.equal(hub.size, 0);
  assert.equal(alfa.frames.at(-1), '<closed>');
});

test('event types that could break SSE framing are refused', () => {
  const hub = createStreamHub({ stats: ingestStats, now: () => NOW });
  assert.throws(() => hub.emit('alfa', 'alert\ndata: forged', {}), TypeError);
});

test('every subscriber gets scoped stats on each tick, and a heartbeat', () => {
  mock.timers.enable({ apis: ['setInterval'] });
  try {
    let now = NOW;
    const hub = createStreamHub({ stats: ingestStats, now: () => now, statsEveryMs: 5_000, heartbeatEveryMs: 15_000 });
    const alfa = collector(scopeOf(['alfa']));
    const unsubscribe = hub.subscribe(alfa.sub);
    now += 5_000;
    mock.timers.tick(5_000);
    assert.deepEqual(alfa.frames, [': heartbeat\n\n', sseFrame('stats', statsFor(ingestStats(), scopeOf(['alfa']), now))]);
    assert.doesNotMatch(alfa.frames.join(''), /bravo|decoded/);
    now += 5_000;
    mock.timers.tick(5_000);
    assert.equal(alfa.frames.length, 3, 'no heartbeat until 15 s have passed');
    unsubscribe();
    mock.timers.tick(50_000);
    assert.equal(alfa.frames.length, 3, 'the timer stops with the last subscriber');
  } finally {
    mock.timers.reset();
  }
});

test('statsFor gives totals only to a centre-wide scope', () => {
  const all = statsFor(ingestStats(), ALL_TENANTS, NOW);
  assert.equal(all['decoded'], 9);
  assert.equal(all['events'], 9);
  const alfa = statsFor(ingestStats(), scopeOf(['alfa']), NOW);
  assert.equal(alfa['decoded'], undefined);
  assert.equal(alfa['events'], 7);
});
