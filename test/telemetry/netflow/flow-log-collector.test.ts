import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { toEcs } from '../../../src/model/event.ts';
import type { Reject } from '../../../src/model/reject.ts';
import { createNetflowDecoder, type NetflowOutput } from '../../../src/telemetry/netflow/decoder.ts';
import { createFlowLogCollector } from '../../../src/telemetry/netflow/flow-log-collector.ts';
import { countFlows, readFlows } from '../../../src/telemetry/netflow/flow-log.ts';
import { dataSet, record, v9Packet, v9TemplateSet, type FieldSpec } from './builder.ts';
import { asStored, send, until } from './helpers.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpora = join(root, '..', 'shared', 'corpora');
const flowbeat = join(corpora, 'flowbeat', 'testdata');
const logstash = join(corpora, 'logstash-codec-netflow', 'spec', 'codecs');

/**
 * Every captured v5/v9/IPFIX datagram of the shared corpora: flowbeat's cases in its order
 * (templates before data), then the Logstash captures flowbeat lacks. One exporter sends them
 * all, so templates of one case meet data of another just as they would on the wire.
 */
function corpusDatagrams(): Buffer[] {
  const cases = (parseYaml(readFileSync(join(flowbeat, 'dat_tests.yaml'), 'utf8')) as { tests: Record<string, string[]> }).tests;
  const paths = Object.values(cases).flat().map((f) => join(flowbeat, 'dat', f));
  const seen = new Set(Object.values(cases).flat());
  for (const f of readdirSync(logstash).filter((n) => n.endsWith('.dat')).sort()) if (!seen.has(f)) paths.push(join(logstash, f));
  return paths.map((p) => readFileSync(p));
}

/** What the event decoder makes of the same datagrams from the same exporter. */
function reference(packets: readonly Buffer[]): NetflowOutput {
  const decoder = createNetflowDecoder();
  const out: NetflowOutput = { events: [], rejects: [], optionsRecords: 0 };
  for (const p of packets) decoder.decode(p, { tenant: 'unassigned', sensor: '127.0.0.1', exporter: '127.0.0.1', origin: 'udp', receivedAt: 0 }, out);
  decoder.drain(out);
  return out;
}

const vaern = (args: string[]) => spawnSync(join(root, 'node_modules/.bin/node'), [join(root, 'bin/vaern.js'), ...args], { encoding: 'utf8', timeout: 120_000 });

test(
  '`vaern collect` over the corpora stores exactly the flows the event decoder sees, field by field through `vaern flows`',
  { skip: existsSync(flowbeat) && existsSync(logstash) ? false : `corpora not found under ${corpora}`, timeout: 300_000 },
  async () => {
    const packets = corpusDatagrams();
    const want = reference(packets);
    assert.ok(want.events.length > 400, `the corpora decode to ${want.events.length} flows`);
    const dir = mkdtempSync(join(tmpdir(), 'vaern-collect-'));
    try {
      const child = spawn(join(root, 'node_modules/.bin/node'), [join(root, 'bin/vaern.js'), 'collect', '--netflow', '127.0.0.1:0', '--store', dir]);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await until(() => /udp 127\.0\.0\.1:\d+/.test(stderr), 3000);
      const port = Number(/udp 127\.0\.0\.1:(\d+)/.exec(stderr)?.[1]);
      assert.ok(port > 0, stderr);
      await send(port, packets);
      // Records reach the file on the collector's 200 ms tick; stop it once they all have.
      await until(() => countFlows(dir) >= want.events.length, 1000);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
      assert.match(stderr, new RegExp(`${packets.length} datagrams, ${want.events.length} flows stored, ${want.rejects.length} rejects`));

      const count = vaern(['flows', 'count', '--store', dir]);
      assert.equal(count.stdout.trim(), String(want.events.length), count.stderr);
      const read = vaern(['flows', 'read', '--store', dir]);
      assert.equal(read.status, 0, read.stderr);
      const got = read.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
      const expected = want.events.map((e) => JSON.parse(JSON.stringify(toEcs(asStored(e)))) as unknown);
      assert.equal(got.length, expected.length);
      for (let i = 0; i < got.length; i++) assert.deepEqual(got[i], expected[i], `flow ${i}`);
      const rejects = readFileSync(join(dir, 'rejects.ndjson'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Reject).reason);
      assert.deepEqual(rejects, want.rejects.map((r) => r.reason));
    } finally {
      rmSync(dir, { recursive: true });
    }
  },
);

test('the flow log collector counts datagrams and rejects, resolves tenants, and keeps held data until its template comes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-collect-'));
  const rejects: Reject[] = [];
  const c = await createFlowLogCollector(
    { name: 'nf-log', host: '127.0.0.1', port: 0, dir, flushMs: 20, resolve: (ip) => (ip === '127.0.0.1' ? { tenant: 'nordby', sensor: 'rtr-1' } : undefined) },
    (r) => rejects.push(...r),
  );
  const f: FieldSpec[] = [{ id: 8, len: 4 }, { id: 12, len: 4 }, { id: 7, len: 2 }, { id: 11, len: 2 }, { id: 4, len: 1 }, { id: 1, len: 4 }];
  const hdr = { sysUptime: 1000, unixSecs: 1_763_900_000 };
  const recs = Array.from({ length: 20 }, (_, i) => record(f, ['10.0.0.1', '198.51.100.7', 1000 + i, 443, 6, 100]));
  try {
    await send(c.address().port, [
      v9Packet(hdr, [dataSet(256, recs.slice(0, 5))]),
      v9Packet(hdr, [v9TemplateSet([{ id: 256, fields: f }])]),
      v9Packet(hdr, [dataSet(256, recs)]),
      Buffer.from([0, 9, 1]),
    ]);
    await until(() => c.stats.framesReceived === 4 && rejects.length === 1);
    assert.equal(c.written, 25);
    assert.equal(c.stats.framingErrors, 1);
    assert.match(rejects[0]!.reason, /v9 header needs 20 bytes, got 3/);
    assert.equal(rejects[0]!.tenant, 'nordby');
    assert.equal(rejects[0]!.origin, `udp:${c.address().port}`);
  } finally {
    await c.close();
  }
  try {
    assert.equal(countFlows(dir), 25);
    const flows = [...readFlows(dir)].flat();
    assert.deepEqual(flows.map((e) => e['source.port']), [1000, 1001, 1002, 1003, 1004, ...recs.map((_, i) => 1000 + i)]);
    assert.equal(flows[0]!['vaern.tenant'], 'nordby');
    assert.equal(flows[0]!['vaern.sensor'], 'rtr-1');
    assert.equal(flows[0]!['observer.ip'], '127.0.0.1');
    assert.equal(c.stats.socketDrops, 0);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
