/**
 * Detection quality harness: `node eval/run.ts [--days N] [--seed S] [--workstations N] [--verbose]`.
 *
 * Builds a synthetic municipality (eval/world.ts), injects labelled attacks (eval/attacks.ts),
 * replays everything in event-time order through the detection engine with the shipped defaults
 * (src/detect/defaults.yaml) and prints, per detector, precision, recall and false alerts per
 * 1,000 internal hosts per day. Exit code 1 when a target is missed (recall >= 0.95 and
 * <= 1 false alert per 1,000 hosts/day, overall and per detector).
 */
import { parseArgs } from 'node:util';
import type { Alert } from '../src/detect/alert.ts';
import { parseDetectConfig } from '../src/detect/config.ts';
import { createDetectionEngine } from '../src/detect/engine.ts';
import { DETECTORS } from '../src/detect/registry.ts';
import type { VaernEvent } from '../src/model/event.ts';
import { buildAttacks } from './attacks.ts';
import { Rng } from './random.ts';
import { score } from './score.ts';
import { BMS, DAY, HOUR, TENANT, backgroundHour, buildWorld } from './world.ts';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '6' },
    seed: { type: 'string', default: '20260302' },
    workstations: { type: 'string', default: '560' },
    verbose: { type: 'boolean', default: false },
  },
});

const days = Number(args.days);
const START = Date.UTC(2026, 2, 2); // a Monday
const rng = new Rng(Number(args.seed));
const world = buildWorld(rng, START, Number(args.workstations));
const attacks = buildAttacks(world, new Rng(Number(args.seed) ^ 0x5eed));
const labels = attacks.map((a) => a.label).filter((l) => l.from < START + days * DAY);

const attackByHour = new Map<number, VaernEvent[]>();
for (const a of attacks) {
  for (const e of a.events) {
    const h = Math.floor(e['@timestamp'] / HOUR);
    let list = attackByHour.get(h);
    if (list === undefined) attackByHour.set(h, (list = []));
    list.push(e);
  }
}

// The one site rule of the eval tenant: the building-management controller's cloud check-in.
const engine = createDetectionEngine(
  parseDetectConfig({
    suppressions: [{ id: 'bms-cloud', tenant: TENANT, detector: 'beaconing', match: { ip: BMS }, reason: 'BMS controller vendor check-in', owner: 'it-drift', expiresAt: START + 365 * DAY }],
  }),
);
const alerts = new Map<string, Alert>();
const BATCH_MS = 5 * 60_000;
let events = 0;
let detectMs = 0;
const t0 = performance.now();
for (let hour = START; hour < START + days * DAY; hour += HOUR) {
  const batch = backgroundHour(world, rng, hour);
  for (const e of attackByHour.get(Math.floor(hour / HOUR)) ?? []) batch.push(e);
  batch.sort((a, b) => a['@timestamp'] - b['@timestamp']);
  events += batch.length;
  const d0 = performance.now();
  let i = 0;
  for (let slice = hour + BATCH_MS; slice <= hour + HOUR; slice += BATCH_MS) {
    let j = i;
    while (j < batch.length && batch[j]!['@timestamp'] < slice) j++;
    for (const u of engine.process(batch.slice(i, j), slice)) alerts.set(u.alert.id, u.alert);
    i = j;
  }
  engine.evict(hour + HOUR);
  detectMs += performance.now() - d0;
}
const wallS = (performance.now() - t0) / 1000;

const hostDays = world.internalHosts * days;
const results = score([...alerts.values()], labels, DETECTORS.map((d) => d.id), hostDays);
const totalFalse = results.reduce((n, r) => n + r.falseAlerts, 0);
const overall = {
  name: 'overall',
  events,
  internalHosts: world.internalHosts,
  days,
  alerts: alerts.size,
  labels: labels.length,
  recall: results.reduce((n, r) => n + r.found, 0) / Math.max(1, labels.length),
  precision: results.reduce((n, r) => n + r.trueAlerts, 0) / Math.max(1, alerts.size),
  falseAlerts: totalFalse,
  suppressed: Object.fromEntries(engine.dedup.suppressed),
  falsePer1000HostDays: (totalFalse * 1000) / hostDays,
  detectEventsPerSecond: Math.round(events / (detectMs / 1000)),
  wallSeconds: Math.round(wallS * 10) / 10,
};

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
console.log(`${pad('detector', 18)}${pad('labels', 8)}${pad('found', 7)}${pad('alerts', 8)}${pad('false', 7)}${pad('precision', 11)}${pad('recall', 8)}false/1000 host-days`);
for (const r of results) {
  console.log(`${pad(r.detector, 18)}${pad(r.labels, 8)}${pad(r.found, 7)}${pad(r.alerts, 8)}${pad(r.falseAlerts, 7)}${pad(r.precision.toFixed(2), 11)}${pad(r.recall.toFixed(2), 8)}${r.falsePer1000HostDays.toFixed(2)}`);
  if (args.verbose || r.missed.length > 0) for (const m of r.missed) console.log(`    missed: ${m}`);
  if (args.verbose) for (const f of r.falseTitles) console.log(`    false: ${f}`);
}
console.log(JSON.stringify(overall));
for (const r of results) console.log(JSON.stringify({ name: r.detector, precision: r.precision, recall: r.recall, falsePer1000HostDays: r.falsePer1000HostDays }));
const ok = overall.recall >= 0.95 && overall.falsePer1000HostDays <= 1 && results.every((r) => r.recall >= 0.95 && r.falsePer1000HostDays <= 1);
process.exitCode = ok ? 0 : 1;
