import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { VaernConfig } from '../../src/config/config.ts';
import { startVaern } from '../../src/app/start.ts';
import { ALL_TENANTS } from '../../src/model/tenant.ts';
import { ADMIN_PASSWORD, signIn } from '../helpers/vaern.ts';

const run = promisify(execFile);
const VAERN = new URL('../../bin/vaern.js', import.meta.url).pathname;
const NODE = process.execPath;

const FILTERLOG = [
  '<134>1 2026-11-20T08:00:00.000000+00:00 fw filterlog 1234 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,241,1,0,DF,6,tcp,40,80.62.0.1,198.51.100.1,51000,3389,0,S,1,,64240,,',
  'this line is not a firewall log',
  '<134>1 2026-11-20T08:00:01.000000+00:00 fw filterlog 1234 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,241,2,0,DF,6,tcp,40,77.88.8.8,198.51.100.1,51001,22,0,S,1,,64240,,',
];

test('vaern ingest stores good lines, keeps the bad one with its reason; vaern rejects shows it', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-cli-'));
  try {
    writeFileSync(join(dir, 'vaern.yaml'), 'tenants:\n  - { id: nordby, name: Nordby Kommune, networks: [198.51.100.0/24] }\n');
    const log = join(dir, 'fw.log');
    writeFileSync(log, `${FILTERLOG.join('\n')}\n`);

    // The tenant comes from vaern.yaml, created by a first start.
    const config = VaernConfig.parse({
      dataDir: join(dir, 'data'),
      http: { host: '127.0.0.1', port: 0 },
      listeners: [],
      tenants: [{ id: 'nordby', name: 'Nordby Kommune', networks: ['198.51.100.0/24'] }],
    });
    let vaern = await startVaern({ config, adminPassword: ADMIN_PASSWORD });
    await vaern.stop();

    const ingest = await run(NODE, [VAERN, 'ingest', '--format', 'filterlog', log], { cwd: dir, env: { ...process.env, VAERN_DATA_DIR: join(dir, 'data') } });
    assert.match(ingest.stderr, /2 events stored, 1 lines rejected/);

    vaern = await startVaern({ config, adminPassword: ADMIN_PASSWORD });
    try {
      const base = `http://127.0.0.1:${vaern.httpPort}`;
      const cookie = await signIn(base);
      const made = await fetch(`${base}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'cli-test' }) });
      assert.equal(made.status, 201, await made.clone().text());
      const { token } = (await made.json()) as { token: string };

      const stats = await fetch(`${base}/api/v1/stats/breach-attempts?by=country&from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z`, { headers: { cookie } });
      const body = (await stats.json()) as { total: number; rows: { key: string }[] };
      assert.equal(body.total, 2);
      assert.deepEqual(body.rows.map((r) => r.key).sort(), ['DK', 'RU']);

      const rejects = await run(NODE, [VAERN, 'rejects', '--url', base, '--since', '1h', '--json'], { env: { ...process.env, VAERN_TOKEN: token } });
      const rows = rejects.stdout.trim().split('\n').map((l) => JSON.parse(l) as { raw: string; line: number; reason: string; tenant: string });
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.raw, FILTERLOG[1]);
      assert.equal(rows[0]!.line, 2);
      assert.equal(rows[0]!.tenant, 'nordby');
      assert.ok(rows[0]!.reason.length > 0);
      assert.equal((await vaern.state.tenants.list(ALL_TENANTS)).length, 1);
    } finally {
      await vaern.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
