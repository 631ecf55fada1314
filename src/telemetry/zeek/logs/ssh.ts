import type { VaernEvent } from '../../../model/event.ts';
import type { ZeekRecord } from '../record.ts';

/**
 * ssh.log: one line per SSH connection. Zeek infers `auth_success` from the encrypted traffic's
 * sizes (it cannot read the login), so it is a heuristic: unset when Zeek could not tell.
 * A verdict makes it an authentication event for the brute-force detector.
 */
export function mapSsh(r: ZeekRecord, e: VaernEvent): void {
  e['network.protocol'] = 'ssh';
  const success = r.bool('auth_success');
  if (success !== undefined) {
    e['event.category'] = ['network', 'authentication'];
    e['event.type'] = ['info'];
    e['event.action'] = success ? 'logged-in' : 'login-failed';
    e['event.outcome'] = success ? 'success' : 'failure';
  } else {
    e['event.category'] = ['network'];
    e['event.type'] = ['protocol'];
  }
  const attempts = r.num('auth_attempts');
  if (attempts !== undefined) e['vaern.ssh.auth_attempts'] = attempts;
  const client = r.str('client');
  if (client !== undefined && client !== '') e['vaern.ssh.client'] = client;
  const server = r.str('server');
  if (server !== undefined && server !== '') e['vaern.ssh.server'] = server;
  // Zeek's `direction` (INBOUND/OUTBOUND) is set only when Site::local_nets is configured.
  const direction = r.str('direction');
  if (direction === 'INBOUND' || direction === 'OUTBOUND') e['network.direction'] = direction.toLowerCase();
}
