import { AttackerPool } from '../demo/attacker-pool.ts';
import { Scenario, loadScenario } from '../demo/scenario.ts';
import { startSimulator, type SimulatorHandle } from '../demo/simulator.ts';
import { GeoDb } from '../enrich/geo.ts';
import { IpAddr, parseIpInto } from '../enrich/ip.ts';

export type DemoHandle = SimulatorHandle;

/** Tenants and sensors of the simulated municipalities, in configuration form. */
export function demoTenantsAndSensors(): {
  tenants: { id: string; name: string; country: 'DK' | 'NO'; networks: string[] }[];
  sensors: { name: string; tenant: string; format: string; address: string }[];
} {
  const file = loadScenario();
  return {
    tenants: file.tenants.map((t) => ({ id: t.id, name: t.name, country: t.country, networks: t.networks })),
    sensors: file.tenants.flatMap((t) => t.sensors.map((s) => ({ name: s.name, tenant: t.id, format: s.format, address: s.address }))),
  };
}

/**
 * Start the simulated municipalities, sending real syslog to our own listeners on loopback so
 * the demo runs the whole pipeline. Attack sources are real addresses whose GeoIP country is
 * the one the scenario wants, looked up in the same database the enrichment uses.
 */
export async function startDemo(opts: { udpPort: number; tcpPort: number; backfillHours: number; seed: number }): Promise<DemoHandle> {
  const file = loadScenario();
  const geo = GeoDb.open();
  const addr = new IpAddr();
  const countryOf = (ip: string): string | undefined => (parseIpInto(ip, addr) ? geo.country(addr, ip) : undefined);
  const pool = AttackerPool.build({ countryOf, weights: file.countryWeights, perCountry: 300, seed: opts.seed });
  const scenario = new Scenario(file, pool, { seed: opts.seed, anchor: Date.now() });
  return startSimulator({ scenario, target: { host: '127.0.0.1', udpPort: opts.udpPort, tcpPort: opts.tcpPort }, backfillHours: opts.backfillHours });
}
