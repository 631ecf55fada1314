import type { Alert } from '../src/detect/alert.ts';
import type { Label } from './attacks.ts';

/**
 * Scoring of alerts against labels. Pure, so the runner and a test can share it.
 *
 * An alert is true when some label it matches names its detector (as the expected detector or as
 * an acceptable consequence, `also`); recall counts only labels a detector is expected to raise.
 */

/** Slack around a label's time range: detectors report on window boundaries. */
export const SLACK_MS = 2 * 3_600_000;

export function matches(alert: Alert, label: Label): boolean {
  if (alert.firstSeen > label.to + SLACK_MS || alert.lastSeen < label.from - SLACK_MS) return false;
  const tokens = alert.entity.split(/[>|]/);
  return alert.entity === label.match || tokens.includes(label.match) || alert.related.ip.includes(label.match) || alert.related.hosts.includes(label.match);
}

/** Who an alert is about: the background source owning one of its addresses, else the synthetic municipality. */
export function attribute(alert: Alert, sourceOf: (ip: string) => string | undefined): string {
  for (const token of [...alert.entity.split(/[>|]/), ...alert.related.ip]) {
    const s = sourceOf(token);
    if (s !== undefined) return s;
  }
  return 'synthetic';
}

/** The alert is about the label's attack and its detector is one the label names. */
export function covers(alert: Alert, label: Label): boolean {
  return (label.detector === alert.detector || label.also?.includes(alert.detector) === true) && matches(alert, label);
}

export interface DetectorScore {
  detector: string;
  alerts: number;
  trueAlerts: number;
  falseAlerts: number;
  labels: number;
  found: number;
  precision: number;
  recall: number;
  falsePer1000HostDays: number;
  missed: string[];
  falseTitles: string[];
}

export function score(alerts: readonly Alert[], labels: readonly Label[], detectors: readonly string[], hostDays: number): DetectorScore[] {
  return detectors.map((detector) => {
    const mine = alerts.filter((a) => a.detector === detector);
    const isTrue = (a: Alert): boolean => labels.some((l) => covers(a, l));
    const trueAlerts = mine.filter(isTrue);
    const falseAlerts = mine.filter((a) => !isTrue(a));
    const expected = labels.filter((l) => l.detector === detector && l.real !== true);
    const found = expected.filter((l) => mine.some((a) => matches(a, l)));
    return {
      detector,
      alerts: mine.length,
      trueAlerts: trueAlerts.length,
      falseAlerts: falseAlerts.length,
      labels: expected.length,
      found: found.length,
      precision: mine.length === 0 ? 1 : trueAlerts.length / mine.length,
      recall: expected.length === 0 ? 1 : found.length / expected.length,
      falsePer1000HostDays: (falseAlerts.length * 1000) / hostDays,
      missed: expected.filter((l) => !found.includes(l)).map((l) => l.id),
      falseTitles: falseAlerts.map((a) => `${a.title} [${a.severity} ${a.score}] ${new Date(a.firstSeen).toISOString()}`),
    };
  });
}
