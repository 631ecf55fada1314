// Issue 4's figure: how long from an event entering the server's pipeline until its alert is
// visible through the API. Repeats a vertical port scan (64 denied inbound ports: the default
// external threshold is 60) from a new source each round, handed to the running pipeline as a
// listener batch would be, and polls GET /api/v1/alerts every 10 ms until that source's alert
// is listed. Prints p50, p99 and max over the rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVaern } from '../src/app/start.ts';
import { VaernConfig } from '../src/config/config.ts';
import type { VaernEvent } from '../src/model/event.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 40);
const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'vaern-alert-latency-'));
const config = VaernConfig.parse({
  dataDir: dir,
  http: { host: '127.0.0.1', port: 0 },
  listeners: [],
  tenants: [{ id: 'alfa', name: 'Alfa Kommune', networks: ['10.1.0.0/16'] }],
});
const vaern = await startVaern({ config, adminPassword: PASSWORD });
const base = `http://127.0.0.1:${vaern.httpPort}`;
const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

const scan = (source: string, start: number): VaernEvent[] =>
  Array.from({ length: 64 }, (_, i) => ({
    '@timestamp': start + i * 100,
    'vaern.tenant': 'alfa',
    'vaern.sensor': 'fw',
    'event.action': 'denied',
    'network.transport': 'tcp',
    'source.ip': source,
    'source.port': 40_000 + i,
    'destination.ip': '10.1.0.10',
    'destination.port': 1 + i,
  }));

const latencies: number[] = [];
try {
  for (let r = 0; r < ROUNDS; r++) {
    const source = `203.0.113.${r + 1}`;
    const started = performance.now();
    vaern.pipeline.acceptDecoded(scan(source, Date.now() - 7_000), [], { tenant: 'alfa', sensor: 'fw' });
    for (;;) {
      const res = await fetch(`${base}/api/v1/alerts?q=${source}&limit=5`, { headers: { cookie } });
      const body = (await res.json()) as { alerts: { entity: string }[] };
      if (body.alerts.some((a) => a.entity === source)) break;
      if (performance.now() - started > 30_000) throw new Error(`no alert for ${source} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    latencies.push(performance.now() - started);
  }
} finally {
  await vaern.stop();
  rmSync(dir, { recursive: true, force: true });
}
latencies.sort((a, b) => a - b);
const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
console.log(JSON.stringify({ name: 'event to visible alert p50', value: Math.round(at(0.5)), unit: 'ms' }));
console.log(JSON.stringify({ name: 'event to visible alert p99', value: Math.round(at(0.99)), unit: 'ms' }));
console.log(JSON.stringify({ name: 'event to visible alert max', value: Math.round(latencies[latencies.length - 1]!), unit: 'ms' }));
