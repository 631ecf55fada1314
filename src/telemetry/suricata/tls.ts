import { z } from 'zod';
import type { VaernEvent } from '../../model/event.ts';
import { describe, type Eve } from './common.ts';

/** `tls`: one handshake. Suricata writes versions as `TLS 1.2`, `SSLv3`, `UNDETERMINED`. */
const fingerprint = z.looseObject({ hash: z.string().optional() });
const tlsSchema = z.looseObject({
  sni: z.string().optional(),
  version: z.string().optional(),
  subject: z.string().optional(),
  issuerdn: z.string().optional(),
  ja3: fingerprint.optional(),
  ja3s: fingerprint.optional(),
});

export function mapTls(eve: Eve, e: VaernEvent): string | undefined {
  const parsed = tlsSchema.safeParse(eve['tls']);
  if (!parsed.success) return `tls.${describe(parsed.error)}`;
  const t = parsed.data;
  e['event.category'] = ['network'];
  e['event.type'] = ['protocol'];
  e['network.protocol'] = 'tls';
  if (t.sni !== undefined && t.sni !== '') e['tls.server.name'] = t.sni;
  if (t.version !== undefined) {
    const m = /^(TLS|SSL|DTLS) ?v?(\d(?:\.\d)?)$/.exec(t.version);
    if (m !== null) {
      e['tls.version_protocol'] = m[1]!.toLowerCase();
      e['tls.version'] = m[2]!.includes('.') ? m[2]! : `${m[2]}.0`;
    } else if (t.version !== 'UNDETERMINED') {
      e['tls.version'] = t.version;
    }
  }
  if (t.subject !== undefined && t.subject !== '') e['tls.server.subject'] = t.subject;
  if (t.issuerdn !== undefined && t.issuerdn !== '') e['tls.server.issuer'] = t.issuerdn;
  if (t.ja3?.hash !== undefined) e['tls.client.ja3'] = t.ja3.hash;
  if (t.ja3s?.hash !== undefined) e['tls.server.ja3s'] = t.ja3s.hash;
  return undefined;
}
