import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackerPool } from '../../src/demo/attacker-pool.ts';
import { Scenario, loadScenario } from '../../src/demo/scenario.ts';
import { formatLine } from '../../src/demo/format.ts';

const file = loadScenario();
// A stand-in for GeoIP: the country follows the first octet, so every weighted country gets addresses.
const countries = Object.keys(file.countryWeights);
const pool = AttackerPool.build({ countryOf: (ip) => countries[Number(ip.split('.')[0]) % countries.length], weights: file.countryWeights, perCountry: 50, seed: 1 });
const anchor = Date.UTC(2026, 10, 23, 16, 45);

test('the attacks happen in the half hour before the demo starts, whatever the time of day', () => {
  const conns = new Scenario(file, pool, { seed: 2, anchor }).between(anchor - 3_600_000, anchor);
  for (const tenant of file.tenants.map((t) => t.id)) {
    const mine = conns.filter((c) => c.tenant === tenant);
    const scanPorts = new Map<string, Set<number>>();
    for (const c of mine.filter((x) => x.action === 'block')) {
      let ports = scanPorts.get(c.src);
      if (ports === undefined) scanPorts.set(c.src, (ports = new Set()));
      ports.add(c.dstPort);
    }
    assert.ok(Math.max(...[...scanPorts.values()].map((p) => p.size)) >= 1024, `${tenant}: a vertical scan of 1,024 ports`);
    const smb = mine.filter((c) => c.dstPort === 445 && c.action === 'pass' && c.src.startsWith('10.'));
    assert.ok(smb.length >= 60, `${tenant}: SMB fan-out from an internal host`);
  }
});

test('the same seed and anchor give the same traffic, as log lines', () => {
  const a = new Scenario(file, pool, { seed: 5, anchor }).between(anchor - 600_000, anchor).map(formatLine);
  const b = new Scenario(file, pool, { seed: 5, anchor }).between(anchor - 600_000, anchor).map(formatLine);
  assert.ok(a.length > 100);
  assert.deepEqual(a, b);
  assert.match(a.find((l) => l.includes('filterlog'))!, /^<134>1 \d{4}-\d\d-\d\dT\S+Z \S+ filterlog \d+ - - \d+,/);
  assert.match(a.find((l) => l.includes('kernel'))!, /^<4>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ kernel: \[ *\d+\.\d+\] \[UFW (BLOCK|ALLOW)\] IN=/);
});
