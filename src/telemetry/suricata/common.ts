import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';

/** The fields every EVE event type shares. */
export const eveSchema = z.looseObject({
  timestamp: z.string(),
  event_type: z.string().min(1),
  flow_id: z.number().optional(),
  in_iface: z.string().optional(),
  src_ip: z.string().optional(),
  src_port: z.number().int().optional(),
  dest_ip: z.string().optional(),
  dest_port: z.number().int().optional(),
  proto: z.union([z.string(), z.number()]).optional(),
  app_proto: z.string().optional(),
  community_id: z.string().optional(),
  host: z.string().optional(),
});

export type Eve = z.infer<typeof eveSchema>;

/** Adds one event type's fields; returns a reason when its sub-object is malformed. */
export type EveMapper = (eve: Eve, e: VaernEvent) => string | undefined;

/** First issue of a zod error as `path: message`, short enough for a reject reason. */
export function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
