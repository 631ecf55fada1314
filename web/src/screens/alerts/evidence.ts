import type { Formatters } from '../../i18n/formatters.ts';

/**
 * How the console shows what detectors write (src/detect/*.ts): evidence counts under a
 * translated name and in their unit, and the times inside an explanation in the reader's locale.
 * The detectors keep their plain English and ISO times (they also feed `vaern detect` and the
 * NDJSON output); the mapping to the reader's language lives here, in the web layer.
 */

type Unit = 'count' | 'decimal' | 'bytes' | 'duration' | 'share';

interface EvidenceKey {
  /** i18n key of the count's name. */
  readonly label: string;
  readonly unit: Unit;
}

/** Every evidence count a detector writes today; an unknown one shows under its own name. */
const EVIDENCE: Readonly<Record<string, EvidenceKey>> = {
  attempts: { label: 'evidence.attempts', unit: 'count' },
  baselineMean: { label: 'evidence.baselineMean', unit: 'decimal' },
  threshold: { label: 'evidence.threshold', unit: 'count' },
  sources: { label: 'evidence.sources', unit: 'count' },
  failures: { label: 'evidence.failures', unit: 'count' },
  distinctUsers: { label: 'evidence.distinctUsers', unit: 'count' },
  sourceFailures: { label: 'evidence.sourceFailures', unit: 'count' },
  userFailures: { label: 'evidence.userFailures', unit: 'count' },
  connections: { label: 'evidence.connections', unit: 'count' },
  medianIntervalMs: { label: 'evidence.medianInterval', unit: 'duration' },
  medianBytes: { label: 'evidence.medianBytes', unit: 'bytes' },
  internalHostsReaching: { label: 'evidence.internalHostsReaching', unit: 'count' },
  internalHostsReachingBefore: { label: 'evidence.internalHostsReachingBefore', unit: 'count' },
  timing: { label: 'evidence.timing', unit: 'share' },
  size: { label: 'evidence.size', unit: 'share' },
  coverage: { label: 'evidence.coverage', unit: 'share' },
  uniqueSubdomains: { label: 'evidence.uniqueSubdomains', unit: 'count' },
  queries: { label: 'evidence.queries', unit: 'count' },
  txtQueries: { label: 'evidence.txtQueries', unit: 'count' },
  meanLabelLength: { label: 'evidence.meanLabelLength', unit: 'decimal' },
  meanEntropy: { label: 'evidence.meanEntropy', unit: 'decimal' },
  bytes: { label: 'evidence.bytes', unit: 'bytes' },
  weightedBytes: { label: 'evidence.weightedBytes', unit: 'bytes' },
  baselineBytes: { label: 'evidence.baselineBytes', unit: 'bytes' },
  hits: { label: 'evidence.hits', unit: 'count' },
  newDestinations: { label: 'evidence.newDestinations', unit: 'count' },
  durationMs: { label: 'evidence.duration', unit: 'duration' },
  records: { label: 'evidence.records', unit: 'count' },
  distinct: { label: 'evidence.distinct', unit: 'count' },
  latestDistinct: { label: 'evidence.latestDistinct', unit: 'count' },
  failedAttempts: { label: 'evidence.failedAttempts', unit: 'count' },
};

/** Where one detector uses a shared name in another unit (exfiltration's threshold is bytes). */
const BY_DETECTOR: Readonly<Record<string, Readonly<Record<string, EvidenceKey>>>> = {
  exfiltration: { threshold: { label: 'evidence.thresholdBytes', unit: 'bytes' } },
};

export interface EvidenceRow {
  readonly name: string;
  /** i18n key of the name, or undefined for a count no table knows (shown as written). */
  readonly label: string | undefined;
  readonly value: string;
}

function formatValue(unit: Unit, n: number, fmt: Formatters): string {
  switch (unit) {
    case 'count':
      return fmt.number(n);
    case 'decimal':
      return fmt.decimal(n);
    case 'bytes':
      return fmt.bytes(n);
    case 'duration':
      return fmt.duration(n);
    case 'share':
      return fmt.share(n);
  }
}

/** The evidence counts of an alert as named, formatted rows, in the detector's order. */
export function evidenceRows(detector: string, counts: Readonly<Record<string, number>>, fmt: Formatters): EvidenceRow[] {
  return Object.entries(counts).map(([name, n]) => {
    const known = BY_DETECTOR[detector]?.[name] ?? EVIDENCE[name];
    return { name, label: known?.label, value: formatValue(known?.unit ?? 'decimal', n, fmt) };
  });
}

/** ISO 8601 UTC instants as detectors write them (`fmtTime` in src/detect/evidence.ts). */
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z\b/g;

/** An explanation with every ISO time shown as a local date and time of the reader's locale. */
export function localiseTimes(text: string, fmt: Formatters): string {
  return text.replace(ISO_INSTANT, (iso) => fmt.dateTime(iso));
}
