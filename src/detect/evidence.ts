import type { VaernEvent } from '../model/event.ts';
import { MAX_SAMPLES } from './alert.ts';

/**
 * Bounded sample of the events behind a finding: the first ones (how it started) and, once full,
 * the last slot keeps the latest (where it is now).
 */
export class Samples {
  readonly events: VaernEvent[] = [];
  add(e: VaernEvent): void {
    if (this.events.length < MAX_SAMPLES) this.events.push(e);
    else this.events[MAX_SAMPLES - 1] = e;
  }
}

/** A compact set of values, capped so one noisy key cannot grow evidence without bound. */
export class CappedSet {
  readonly values = new Set<string>();
  private readonly cap: number;
  constructor(cap: number) {
    this.cap = cap;
  }
  add(v: string | undefined): void {
    if (v !== undefined && v !== '' && this.values.size < this.cap) this.values.add(v);
  }
  list(): string[] {
    return [...this.values];
  }
}

/**
 * Top-k counter over a bounded number of keys (evidence only: "mostly AS16509, AS14061"). Numeric
 * keys (ports, AS numbers) are counted as numbers and labelled by the caller when reported, so the
 * per-event add builds no string; ties sort by the key's decimal form either way.
 */
export class TopCounts<K extends string | number = string> {
  private readonly counts = new Map<K, number>();
  private readonly cap: number;
  constructor(cap: number) {
    this.cap = cap;
  }
  add(key: K | undefined, n = 1): void {
    if (key === undefined || key === '') return;
    const c = this.counts.get(key);
    if (c !== undefined) this.counts.set(key, c + n);
    else if (this.counts.size < this.cap) this.counts.set(key, n);
  }
  top(k: number): [K, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1)).slice(0, k);
  }
}

export function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function fmtTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function span(first: number, last: number): string {
  return `between ${fmtTime(first)} and ${fmtTime(last)} (${fmtDuration(last - first)})`;
}

export function clampScore(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}

