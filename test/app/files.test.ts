import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVaern, type VaernHandle } from '../../src/app/start.ts';
import { VaernConfig } from '../../src/config/config.ts';
import { ADMIN_PASSWORD } from '../helpers/vaern.ts';

const FIXTURE = readFileSync(new URL('../fixtures/zeek/conn.log', import.meta.url), 'utf8');
const HEADER = FIXTURE.split('\n').filter((l) => l.startsWith('#') && !l.startsWith('#close')).join('\n');
const RECORDS = FIXTURE.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

/** A conn record with a new uid, so each line is a distinct event. */
const record = (i: number): string => RECORDS[i % RECORDS.length]!.replace(/\tC[A-Za-z0-9]+\t/, `\tCgen${i}\t`);

async function storedFor(vaern: VaernHandle, expected: number): Promise<number> {
  let stored = 0;
  for (let i = 0; i < 200 && stored < expected; i++) {
    await new Promise((r) => setTimeout(r, 100));
    await vaern.pipeline.flush();
    stored = vaern.pipeline.stats().stored;
  }
  return stored;
}

test('a tailed Zeek directory is stored once: a restart resumes from its checkpoint without loss or duplicates', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-files-'));
  const logs = join(dir, 'zeek');
  mkdirSync(logs);
  writeFileSync(join(logs, 'conn.log'), `${HEADER}\n${[0, 1, 2, 3, 4].map(record).join('\n')}\n`);
  const config = VaernConfig.parse({
    dataDir: join(dir, 'data'),
    http: { host: '127.0.0.1', port: 0 },
    listeners: [],
    tenants: [{ id: 'nordby', name: 'Nordby Kommune', networks: ['10.20.0.0/16'] }],
    files: [{ dir: logs, tenant: 'nordby', sensor: 'zeek-core', format: 'zeek' }],
  });
  try {
    const first = await startVaern({ config, adminPassword: ADMIN_PASSWORD });
    try {
      assert.equal(await storedFor(first, 5), 5);
    } finally {
      await first.stop();
    }
    appendFileSync(join(logs, 'conn.log'), `${[5, 6, 7].map(record).join('\n')}\n`);
    const second = await startVaern({ config, adminPassword: ADMIN_PASSWORD });
    try {
      assert.equal(await storedFor(second, 3), 3, 'the three new lines after the restart');
      await new Promise((r) => setTimeout(r, 1500));
      await second.pipeline.flush();
      assert.equal(second.pipeline.stats().stored, 3, 'nothing read twice');
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
