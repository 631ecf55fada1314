import type { VaernEvent } from '../../model/event.ts';
import type { Decoder, DecodeContext, DecodeResult, SyslogHeader } from '../decoder.ts';
import { type AuthAction, finish, setAuth, setSource, setUser } from './fw-common.ts';

/**
 * OpenSSH server (sshd, and sshd-session since OpenSSH 9.8) authentication lines, as written by
 * auth.c / auth2.c / sshd.c / packet.c:
 *
 *   Accepted publickey for bob from 192.0.2.1 port 50022 ssh2: ED25519 SHA256:…
 *   Failed password for invalid user admin from 192.0.2.1 port 50022 ssh2
 *   Invalid user admin from 192.0.2.1 port 50022
 *   Connection closed by authenticating user root 192.0.2.1 port 50022 [preauth]
 *   Disconnected from user bob 192.0.2.1 port 50022
 *
 * Pre-authentication closes count as failed logins: a key-only server never logs "Failed
 * password", so a scanner shows only as `Invalid user` and `Connection closed by … [preauth]`.
 * Other sshd lines are kept as informational events with the client address when they name one.
 * `process.name` / `process.pid` come from the syslog tag (decodeBatch).
 */
const OBSERVER_FIELDS = { vendor: 'OpenBSD', product: 'OpenSSH', format: 'openssh' } as const;

export const openssh: Decoder = {
  format: 'openssh',
  description: 'OpenSSH sshd authentication lines (Accepted/Failed …, Invalid user, preauth closes)',
  sniff(payload, header) {
    const app = header?.appname;
    if (app === 'sshd' || app === 'sshd-session') return true;
    // Lines whose header the syslog parser could not read still carry `sshd[pid]:`.
    return payload.indexOf('sshd[') >= 0 && START.test(sshdBody(payload));
  },
  decode: decodeSsh,
};

const START = /^(?:Accepted|Failed|Invalid user|Connection closed by|Disconnected from|Received disconnect|error: maximum authentication|User \S+ from)/;

/** The message after `sshd[pid]: ` when the header was left in the payload, else the payload. */
function sshdBody(payload: string): string {
  const i = payload.indexOf('sshd[');
  if (i < 0) return payload;
  const colon = payload.indexOf(']: ', i);
  return colon < 0 ? payload : payload.slice(colon + 3);
}

interface Rule {
  re: RegExp;
  action: AuthAction;
  word: string;
}

// Groups: user, ip, port. `for invalid user X` and `for X` share one alternative.
const USER_FROM = String.raw`(?:invalid user |illegal user )?(\S*) from (\S+) port (\d+)`;
const USER_AT = String.raw`(?:authenticating |invalid )?user (\S*) (\S+) port (\d+)`;
const RULES: Rule[] = [
  { re: new RegExp(String.raw`^Accepted (\S+) for ${USER_FROM}`), action: 'logged-in', word: 'accepted' },
  { re: new RegExp(String.raw`^Failed (\S+) for ${USER_FROM}`), action: 'login-failed', word: 'failed' },
  { re: new RegExp(String.raw`^()error: maximum authentication attempts exceeded for ${USER_FROM}`), action: 'login-failed', word: 'max-auth-exceeded' },
  { re: /^()Invalid user (\S*) from (\S+)(?: port (\d+))?/, action: 'login-failed', word: 'invalid-user' },
  { re: /^()User (\S+) from (\S+) not allowed because/, action: 'login-failed', word: 'user-not-allowed' },
  { re: new RegExp(String.raw`^()Connection closed by ${USER_AT} \[preauth\]`), action: 'login-failed', word: 'preauth-closed' },
  { re: new RegExp(String.raw`^()Disconnected from ${USER_AT} \[preauth\]`), action: 'login-failed', word: 'preauth-disconnected' },
  { re: new RegExp(String.raw`^()Disconnecting ${USER_AT}: (.*?)(?: \[preauth\])?$`), action: 'login-failed', word: 'preauth-disconnecting' },
  { re: /^()Disconnected from user (\S*) (\S+) port (\d+)/, action: 'logged-out', word: 'disconnected' },
];
/** Lines that name a client but are not a login verdict. */
const INFO: readonly (readonly [RegExp, string])[] = [
  [/^Received disconnect from (\S+) port (\d+)/, 'received-disconnect'],
  [/^Connection closed by (\S+) port (\d+)/, 'connection-closed'],
  [/^Disconnected from (\S+) port (\d+)/, 'disconnected'],
  [/^Did not receive identification string from (\S+)(?: port (\d+))?/, 'no-identification'],
  [/^Unable to negotiate with (\S+) port (\d+)/, 'negotiation-failed'],
  [/^banner exchange: Connection from (\S+) port (\d+)/, 'banner-exchange-failed'],
  [/^Connection from (\S+) port (\d+)/, 'connection'],
  [/^Postponed \S+ for \S+ from (\S+) port (\d+)/, 'postponed'],
];

function decodeSsh(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult {
  const body = header?.appname === 'sshd' || header?.appname === 'sshd-session' ? payload : sshdBody(payload);
  if (body === '') return 'openssh: empty message';
  const e: VaernEvent = {
    '@timestamp': header?.timestamp ?? ctx.receivedAt,
    'vaern.tenant': ctx.tenant,
    'vaern.sensor': ctx.sensor,
    'vaern.format': OBSERVER_FIELDS.format,
    'event.kind': 'event',
    'event.category': ['host'],
    'event.type': ['info'],
    'observer.vendor': OBSERVER_FIELDS.vendor,
    'observer.product': OBSERVER_FIELDS.product,
    'observer.type': 'host',
    message: body,
  };
  if (header?.hostname !== undefined) {
    e['host.name'] = header.hostname;
    e['observer.hostname'] = header.hostname;
  }
  for (const r of RULES) {
    const m = r.re.exec(body);
    if (m === null) continue;
    setAuth(e, r.action);
    e['vaern.vendor_action'] = r.word;
    if (m[1] !== '') e['event.reason'] = m[1]!;
    else if (m[5] !== undefined) e['event.reason'] = m[5];
    setUser(e, m[2]);
    if (!setSource(e, m[3], m[4])) return `openssh: no client address in "${body.slice(0, 60)}"`;
    e['network.protocol'] = 'ssh';
    return finish(e);
  }
  for (const [re, word] of INFO) {
    const m = re.exec(body);
    if (m === null) continue;
    e['event.category'] = ['network'];
    e['event.type'] = ['connection'];
    e['vaern.vendor_action'] = word;
    setSource(e, m[1], m[2]);
    e['network.protocol'] = 'ssh';
    return finish(e);
  }
  return e;
}
