import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { runNetflowConformance } from '../../../src/telemetry/netflow/conformance.ts';
import { parseNetflowFiles } from '../../../src/telemetry/netflow/files.ts';

const CORPORA = fileURLToPath(new URL('../../../../shared/corpora', import.meta.url));
const present = existsSync(`${CORPORA}/flowbeat`) && existsSync(`${CORPORA}/logstash-codec-netflow`);

test('NetFlow corpora: flowbeat/Filebeat goldens and Logstash spec expectations', { skip: present ? false : `corpora not found at ${CORPORA}` }, async () => {
  const rows = await runNetflowConformance(CORPORA);
  const sum = (prefix: string): [number, number] =>
    rows.filter((r) => r.source.startsWith(prefix)).reduce<[number, number]>((a, r) => [a[0] + r.expected, a[1] + r.reproduced], [0, 0]);
  const [fe, fr] = sum('flowbeat');
  const [le, lr] = sum('logstash');
  assert.ok(fe > 300 && le > 100, 'the corpora cases were found');
  // Measured 336/338 and 135/135; the floors leave room only for deliberate changes.
  assert.ok(fr / fe >= 0.98, `flowbeat ${fr}/${fe}`);
  assert.ok(lr / le >= 0.98, `logstash ${lr}/${le}`);
});

test('parseNetflowFiles decodes files in order with one template cache', { skip: present ? false : 'corpora not found' }, async () => {
  const dir = `${CORPORA}/logstash-codec-netflow/spec/codecs`;
  const batches = [];
  for await (const b of parseNetflowFiles([`${dir}/netflow9_test_cisco_asa_1_tpl.dat`, `${dir}/netflow9_test_cisco_asa_1_data.dat`, `${dir}/netflow5_test_invalid01.dat`], { tenant: 't', sensor: 's' })) batches.push(b);
  assert.equal(batches.length, 3);
  assert.equal(batches[0]!.events.length, 0);
  assert.equal(batches[1]!.events.length, 14);
  assert.equal(batches[1]!.events[0]!['observer.ip'], '0.0.0.0');
});
