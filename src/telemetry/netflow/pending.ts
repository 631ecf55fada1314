import type { PacketContext } from './record.ts';
import type { Domain } from './templates.ts';

/** A data set that arrived before its template. */
export interface HeldSet {
  readonly templateId: number;
  /** A copy of the set body: the datagram buffer is not ours to keep. */
  readonly data: Buffer;
  readonly pc: PacketContext;
  readonly heldAt: number;
}

/**
 * Data that arrives before its template (exporter restart, template lost to UDP, collector
 * started mid-stream) is held briefly per exporter domain and replayed when the template comes.
 * Bounded in age, sets per domain and sets overall; what does not fit or times out is handed
 * back to the caller to be counted as dropped.
 */
export class PendingSets {
  readonly #byDomain = new Map<Domain, HeldSet[]>();
  readonly #maxAgeMs: number;
  readonly #maxPerDomain: number;
  readonly #maxTotal: number;
  #total = 0;

  constructor(maxAgeMs: number, maxPerDomain: number, maxTotal: number) {
    this.#maxAgeMs = maxAgeMs;
    this.#maxPerDomain = maxPerDomain;
    this.#maxTotal = maxTotal;
  }

  get size(): number {
    return this.#total;
  }

  get maxAgeMs(): number {
    return this.#maxAgeMs;
  }

  /** Hold a set; false when the buffer is full (the caller drops it). */
  hold(domain: Domain, set: HeldSet): boolean {
    let list = this.#byDomain.get(domain);
    if (list === undefined) {
      list = [];
      this.#byDomain.set(domain, list);
    }
    if (list.length >= this.#maxPerDomain || this.#total >= this.#maxTotal) return false;
    list.push(set);
    this.#total++;
    return true;
  }

  /** The held sets waiting for `templateId` of `domain`, removed, oldest first. */
  take(domain: Domain, templateId: number): HeldSet[] {
    const list = this.#byDomain.get(domain);
    if (list === undefined) return [];
    const taken = list.filter((s) => s.templateId === templateId);
    if (taken.length === 0) return taken;
    this.#keep(domain, list.filter((s) => s.templateId !== templateId));
    return taken;
  }

  /** Remove and return sets held for longer than the maximum age (all of them with `now` = Infinity). */
  expire(now: number): HeldSet[] {
    const out: HeldSet[] = [];
    if (this.#total === 0) return out;
    for (const [domain, list] of this.#byDomain) {
      const old = list.filter((s) => now - s.heldAt >= this.#maxAgeMs);
      if (old.length === 0) continue;
      out.push(...old);
      this.#keep(domain, list.filter((s) => now - s.heldAt < this.#maxAgeMs));
    }
    return out;
  }

  #keep(domain: Domain, rest: HeldSet[]): void {
    const before = this.#byDomain.get(domain)?.length ?? 0;
    this.#total -= before - rest.length;
    if (rest.length === 0) this.#byDomain.delete(domain);
    else this.#byDomain.set(domain, rest);
  }
}
