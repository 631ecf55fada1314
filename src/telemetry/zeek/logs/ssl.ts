import type { VaernEvent } from '../../../model/event.ts';
import type { ZeekRecord } from '../record.ts';

/**
 * ssl.log: one line per TLS/SSL/DTLS handshake. Zeek names versions `TLSv12`, `SSLv3`, `DTLSv12`;
 * ECS splits them into `tls.version_protocol` (`tls`) and `tls.version` (`1.2`). JA3/JA3S come
 * from the ja3 package when it is loaded.
 */
export function mapSsl(r: ZeekRecord, e: VaernEvent): void {
  e['event.category'] = ['network'];
  e['event.type'] = ['protocol'];
  e['network.protocol'] = 'tls';
  const sni = r.str('server_name');
  if (sni !== undefined && sni !== '') e['tls.server.name'] = sni;
  const version = r.str('version');
  if (version !== undefined && version !== '') setVersion(e, version);
  const cipher = r.str('cipher');
  if (cipher !== undefined && cipher !== '') e['tls.cipher'] = cipher;
  const ja3 = r.str('ja3');
  if (ja3 !== undefined && ja3 !== '') e['tls.client.ja3'] = ja3;
  const ja3s = r.str('ja3s');
  if (ja3s !== undefined && ja3s !== '') e['tls.server.ja3s'] = ja3s;
  // Zeek before 4.2 wrote the certificate's subject and issuer here; later versions in x509.log.
  const subject = r.str('subject');
  if (subject !== undefined && subject !== '') e['tls.server.subject'] = subject;
  const issuer = r.str('issuer');
  if (issuer !== undefined && issuer !== '') e['tls.server.issuer'] = issuer;
  const established = r.bool('established');
  if (established !== undefined) e['event.outcome'] = established ? 'success' : 'failure';
}

/** Zeek `TLSv12` -> `tls` + `1.2`; names it does not know are kept whole in `tls.version`. */
export function setVersion(e: VaernEvent, version: string): void {
  const m = /^(SSL|TLS|DTLS)v(\d)(\d)$/.exec(version);
  if (m === null) {
    e['tls.version'] = version;
    return;
  }
  e['tls.version_protocol'] = m[1]!.toLowerCase();
  e['tls.version'] = `${m[2]}.${m[3]}`;
}
