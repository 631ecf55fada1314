import type { VaernEvent } from '../model/event.ts';

/**
 * One enrichment step. Enrichers run in order over a whole batch and fill fields in place
 * (geo, ASN, direction, zone, threat intel), so the batch crosses the stage once.
 */
export interface Enricher {
  readonly name: string;
  enrich(events: VaernEvent[]): void;
}
