import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';
import { describe, type Eve } from './common.ts';

/**
 * `alert`: a signature matched. The field contract with the IDS-alert detector is set out in
 * src/detect/suricata-alert.ts: rule.id (string), rule.name, rule.ruleset (category),
 * event.severity 1..3 as Suricata counts, event.action allowed/denied.
 */
const alertSchema = z.looseObject({
  action: z.string().optional(),
  gid: z.number().int().optional(),
  signature_id: z.number().int(),
  rev: z.number().int().optional(),
  signature: z.string().optional(),
  category: z.string().optional(),
  severity: z.number().int().optional(),
});

export function mapAlert(eve: Eve, e: VaernEvent): string | undefined {
  const parsed = alertSchema.safeParse(eve['alert']);
  if (!parsed.success) return `alert.${describe(parsed.error)}`;
  const a = parsed.data;
  e['event.kind'] = 'alert';
  e['event.category'] = ['network', 'intrusion_detection'];
  e['event.type'] = a.action === 'blocked' ? ['denied'] : ['allowed'];
  e['rule.id'] = String(a.signature_id);
  if (a.signature !== undefined && a.signature !== '') e['rule.name'] = a.signature;
  if (a.category !== undefined && a.category !== '') e['rule.ruleset'] = a.category;
  if (a.severity !== undefined) e['event.severity'] = a.severity;
  if (a.action !== undefined) {
    e['vaern.vendor_action'] = a.action;
    e['event.action'] = a.action === 'blocked' ? 'denied' : 'allowed';
  }
  return undefined;
}
