import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';
import { describe, type Eve } from './common.ts';

/**
 * `anomaly`: a decoder, stream or app-layer event (malformed packet, evasion attempt). Not a
 * signature, so not an alert: evidence beside other signals, like Zeek's weird.log.
 */
const anomalySchema = z.looseObject({
  type: z.string().optional(),
  event: z.string().optional(),
  layer: z.string().optional(),
  code: z.number().int().optional(),
});

export function mapAnomaly(eve: Eve, e: VaernEvent): string | undefined {
  const parsed = anomalySchema.safeParse(eve['anomaly']);
  if (!parsed.success) return `anomaly.${describe(parsed.error)}`;
  const a = parsed.data;
  e['event.category'] = ['network'];
  e['event.type'] = ['info'];
  if (a.event !== undefined) e['event.reason'] = a.event;
  if (a.type !== undefined) e['event.code'] = a.layer !== undefined ? `${a.type}/${a.layer}` : a.type;
  return undefined;
}
