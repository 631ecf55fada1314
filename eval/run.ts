/**
 * Detection quality harness: `node eval/run.ts [--days N] [--seed S] [--workstations N]
 * [--corpora DIR] [--no-background] [--verbose]`.
 *
 * Builds a synthetic municipality (eval/world.ts), injects labelled attacks (eval/attacks.ts),
 * adds real background traffic from the shared corpora (eval/corpora.ts, eval/background.ts:
 * decoded by Vaern's own readers, time-shifted and remapped into the tenant), replays everything
 * in event-time order through the detection engine with the shipped defaults
 * (src/detect/defaults.yaml) and prints, per detector and per background source, precision,
 * recall and false alerts per 1,000 internal hosts per day. Exit code 1 when a target is missed
 * (recall >= 0.95 and <= 1 false alert per 1,000 hosts/day, overall, per detector and per source).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Alert } from '../src/detect/alert.ts';
import { parseDetectConfig } from '../src/detect/config.ts';
import { createDetectionEngine } from '../src/detect/engine.ts';
import { DETECTORS } from '../src/detect/registry.ts';
import type { VaernEvent } from '../src/model/event.ts';
import { buildAttacks } from './attacks.ts';
import { BackgroundReplay } from './background.ts';
import { loadCorpora } from './corpora.ts';
import { hostileLabels, isHostile } from './hostile.ts';
import { Rng } from './random.ts';
import { attribute, covers, score } from './score.ts';
import { BMS, DAY, HOUR, TENANT, backgroundHour, buildWorld } from './world.ts';

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    days: { type: 'string', default: '6' },
    seed: { type: 'string', default: '20260302' },
    workstations: { type: 'string', default: '560' },
    corpora: { type: 'string', default: join(import.meta.dirname, '..', '..', 'shared', 'corpora') },
    background: { type: 'boolean', default: true },
    verbose: { type: 'boolean', default: false },
  },
});

const days = Number(args.days);
const START = Date.UTC(2026, 2, 2); // a Monday
const rng = new Rng(Number(args.seed));
const world = buildWorld(rng, START, Number(args.workstations));
const attacks = buildAttacks(world, new Rng(Number(args.seed) ^ 0x5eed));
const corpora = args.background ? await loadCorpora(args.corpora, TENANT) : { sources: [], missing: [] };
for (const m of corpora.missing) console.log(`background skipped: ${m} not found under ${args.corpora}`);
const replay = new BackgroundReplay(corpora, START, days, new Rng(Number(args.seed) ^ 0xb9), (source, e) => !isHostile(source, e));
const labels = [...attacks.map((a) => a.label), ...hostileLabels(replay, corpora)].filter((l) => l.from < START + days * DAY);

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
  for (const e of replay.hour(hour)) batch.push(e);
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

const synthHostDays = world.internalHosts * days;
const sources = [...replay.stats.values()];
const hostDays = synthHostDays + sources.reduce((n, st) => n + replay.hostDays(st.name), 0);
const all = [...alerts.values()];
const results = score(all, labels, DETECTORS.map((d) => d.id), hostDays);
const totalFalse = results.reduce((n, r) => n + r.falseAlerts, 0);
const expected = labels.filter((l) => l.real !== true).length;
const hostile = labels.filter((l) => l.real === true);
const hostileFound = hostile.filter((l) => all.some((a) => covers(a, l)));
const overall = {
  name: 'overall',
  events,
  internalHostDays: hostDays,
  days,
  alerts: alerts.size,
  labels: expected,
  hostileLabels: hostile.length,
  hostileFound: hostileFound.length,
  recall: results.reduce((n, r) => n + r.found, 0) / Math.max(1, expected),
  precision: results.reduce((n, r) => n + r.trueAlerts, 0) / Math.max(1, alerts.size),
  falseAlerts: totalFalse,
  suppressed: Object.fromEntries(engine.dedup.suppressed),
  falsePer1000HostDays: (totalFalse * 1000) / hostDays,
  detectEventsPerSecond: Math.round(events / (detectMs / 1000)),
  wallSeconds: Math.round(wallS * 10) / 10,
};

// Per background source: the alerts about its hosts (eval/score.ts `attribute`), scored alike.
const bySource = new Map<string, Alert[]>();
for (const a of all) {
  const src = attribute(a, (ip) => replay.sourceOf(ip));
  bySource.set(src, [...(bySource.get(src) ?? []), a]);
}
const sourceRows = [
  { name: 'synthetic', what: 'the simulated municipality and its injected attacks', events: events - sources.reduce((n, st) => n + st.events, 0), hostDays: synthHostDays },
  ...sources.map((st) => ({ name: st.name, what: `${st.what}: ${st.records} records (${st.files} files, ${st.rejects} rejected) x ${st.episodes} episodes`, events: st.events, hostDays: replay.hostDays(st.name) })),
].map((row) => {
  const mine = bySource.get(row.name) ?? [];
  const r = score(mine, labels, DETECTORS.map((d) => d.id), row.hostDays);
  const falseAlerts = r.reduce((n, x) => n + x.falseAlerts, 0);
  return {
    ...row,
    alerts: mine.length,
    trueAlerts: r.reduce((n, x) => n + x.trueAlerts, 0),
    falseAlerts,
    precision: mine.length === 0 ? 1 : r.reduce((n, x) => n + x.trueAlerts, 0) / mine.length,
    falsePer1000HostDays: row.hostDays === 0 ? 0 : (falseAlerts * 1000) / row.hostDays,
    falseTitles: r.flatMap((x) => x.falseTitles.map((t) => `${x.detector}: ${t}`)),
  };
});

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
console.log(`${pad('detector', 18)}${pad('labels', 8)}${pad('found', 7)}${pad('alerts', 8)}${pad('false', 7)}${pad('precision', 11)}${pad('recall', 8)}false/1000 host-days`);
for (const r of results) {
  console.log(`${pad(r.detector, 18)}${pad(r.labels, 8)}${pad(r.found, 7)}${pad(r.alerts, 8)}${pad(r.falseAlerts, 7)}${pad(r.precision.toFixed(2), 11)}${pad(r.recall.toFixed(2), 8)}${r.falsePer1000HostDays.toFixed(2)}`);
  if (args.verbose || r.missed.length > 0) for (const m of r.missed) console.log(`    missed: ${m}`);
}
console.log();
console.log(`${pad('source', 14)}${pad('events', 10)}${pad('host-days', 11)}${pad('alerts', 8)}${pad('true', 6)}${pad('false', 7)}${pad('precision', 11)}false/1000 host-days`);
for (const r of sourceRows) {
  console.log(`${pad(r.name, 14)}${pad(r.events, 10)}${pad(r.hostDays, 11)}${pad(r.alerts, 8)}${pad(r.trueAlerts, 6)}${pad(r.falseAlerts, 7)}${pad(r.precision.toFixed(2), 11)}${r.falsePer1000HostDays.toFixed(2)}`);
  if (args.verbose) console.log(`    ${r.what}`);
  if (args.verbose) for (const f of r.falseTitles) console.log(`    false: ${f}`);
}
if (hostile.length > 0) console.log(`real hostile hosts in the background (eval/hostile.ts) with an alert: ${hostileFound.length} of ${hostile.length}`);
if (args.verbose) for (const l of hostile) console.log(`    ${hostileFound.includes(l) ? 'found' : 'not found'}: ${l.id}`);
console.log(JSON.stringify(overall));
for (const r of results) console.log(JSON.stringify({ name: r.detector, precision: r.precision, recall: r.recall, falsePer1000HostDays: r.falsePer1000HostDays }));
for (const r of sourceRows) console.log(JSON.stringify({ name: `source ${r.name}`, events: r.events, hostDays: r.hostDays, alerts: r.alerts, precision: r.precision, falsePer1000HostDays: r.falsePer1000HostDays }));
const ok =
  overall.recall >= 0.95 &&
  overall.falsePer1000HostDays <= 1 &&
  results.every((r) => r.recall >= 0.95 && r.falsePer1000HostDays <= 1) &&
  sourceRows.every((r) => r.falsePer1000HostDays <= 1);
process.exitCode = ok ? 0 : 1;
