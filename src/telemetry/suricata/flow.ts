import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';
import { describe, type Eve } from './common.ts';

/** `flow`: a flow ended (or timed out). To-server is the initiator's direction. */
const flowSchema = z.looseObject({
  pkts_toserver: z.number().int().nonnegative().optional(),
  pkts_toclient: z.number().int().nonnegative().optional(),
  bytes_toserver: z.number().int().nonnegative().optional(),
  bytes_toclient: z.number().int().nonnegative().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  state: z.string().optional(),
  reason: z.string().optional(),
  alerted: z.boolean().optional(),
});

export function mapFlow(eve: Eve, e: VaernEvent): string | undefined {
  const parsed = flowSchema.safeParse(eve['flow']);
  if (!parsed.success) return `flow.${describe(parsed.error)}`;
  const f = parsed.data;
  e['event.category'] = ['network'];
  e['event.type'] = ['connection', 'end'];
  if (f.bytes_toserver !== undefined) e['source.bytes'] = f.bytes_toserver;
  if (f.bytes_toclient !== undefined) e['destination.bytes'] = f.bytes_toclient;
  if (f.pkts_toserver !== undefined) e['source.packets'] = f.pkts_toserver;
  if (f.pkts_toclient !== undefined) e['destination.packets'] = f.pkts_toclient;
  if (f.bytes_toserver !== undefined && f.bytes_toclient !== undefined) e['network.bytes'] = f.bytes_toserver + f.bytes_toclient;
  if (f.pkts_toserver !== undefined && f.pkts_toclient !== undefined) e['network.packets'] = f.pkts_toserver + f.pkts_toclient;
  const start = f.start === undefined ? NaN : Date.parse(f.start);
  const end = f.end === undefined ? NaN : Date.parse(f.end);
  if (!Number.isNaN(start)) e['event.start'] = start;
  if (!Number.isNaN(end)) e['event.end'] = end;
  if (!Number.isNaN(start) && !Number.isNaN(end) && end >= start) e['event.duration'] = (end - start) * 1e6;
  if (f.state !== undefined) e['vaern.conn_state'] = f.state;
  if (f.reason !== undefined) e['event.reason'] = f.reason;
  return undefined;
}
