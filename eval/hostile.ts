import { DETECTORS } from '../src/detect/registry.ts';
import type { Label } from './attacks.ts';
import type { BackgroundReplay } from './background.ts';
import type { CorpusLoad } from './corpora.ts';
import type { VaernEvent } from '../src/model/event.ts';

/**
 * The truly hostile part of the real background. WRCCDC is a red-team competition, so some of
 * its traffic is attack traffic: an alert on it is true, not a false alarm. It is labelled here,
 * one label per red-team host over the eval (`real`: reported as found or not, apart from the
 * recall on the injected attacks, since what a red-team host did in 21 minutes is not always
 * something a detector should see). Replays during the detectors' first day, while they learn,
 * leave these hosts out (`isHostile`): Vaern was there before the red team.
 *
 * How the red team was told apart, from the capture itself (zed-sample-data/zeek-default):
 * - 10.128.0.0/16 and 10.150.0.0/16 map `ADMIN$` on other teams' servers and create, start and
 *   delete services over DCE-RPC (`CreateServiceW`, `StartServiceW`, `DeleteService`: PsExec,
 *   T1569.002), log in over NTLM as `Administrator` and with harvested `user:password` pairs on
 *   every team's servers, and 10.128.0.0/16 sends 23,000 malformed HTTP requests to one web server
 *   (`weird.log`) and SSH to several teams' hosts.
 * - 10.164.94.120 connects to every team's RDP, SMB (`IPC$`, by host name) and web services on a
 *   schedule: the scoring engine, benign by the competition's design (like a monitoring server).
 * - 10.47.0.0/16 are the defending teams' networks; 10.0.0.0/24 and 10.10.0.0/16 the organisers'
 *   DNS and infrastructure.
 */
export const WRCCDC_RED_TEAM = ['10.128.', '10.150.'];

const red = (ip: string | undefined): boolean => ip !== undefined && WRCCDC_RED_TEAM.some((p) => ip.startsWith(p));

/** An event of the capture (before remapping) to or from a red-team host. */
export function isHostile(source: string, e: VaernEvent): boolean {
  return source === 'wrccdc-zeek' && (red(e['source.ip']) || red(e['destination.ip']));
}

export function hostileLabels(replay: BackgroundReplay, corpora: CorpusLoad): Label[] {
  const wrccdc = corpora.sources.find((s) => s.name === 'wrccdc-zeek');
  const episodes = replay.episodesOf('wrccdc-zeek');
  if (wrccdc === undefined || episodes.length === 0) return [];
  const hosts = new Set<string>();
  for (const seg of wrccdc.segments) for (const e of seg.events) for (const ip of [e['source.ip'], e['destination.ip']]) if (ip !== undefined && red(ip)) hosts.add(ip);
  const from = Math.min(...episodes.map((e) => e.start));
  const to = Math.max(...episodes.map((e) => e.end));
  const all = DETECTORS.map((d) => d.id);
  return [...hosts].sort().map((ip) => ({ id: `wrccdc red team ${ip}`, detector: 'lateral-movement', match: replay.mapped('wrccdc-zeek', ip), from, to, also: all, real: true }));
}
