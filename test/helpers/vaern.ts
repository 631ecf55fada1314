import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVaern, type StartOptions, type VaernHandle } from '../../src/app/start.ts';
import { VaernConfig } from '../../src/config/config.ts';

/** The first admin's password in every test that starts Vaern. */
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestVaern {
  readonly vaern: VaernHandle;
  readonly dataDir: string;
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
  /** Stop Vaern and remove its data directory. */
  stop(): Promise<void>;
}

/**
 * A real Vaern on free ports with its data in a fresh temporary directory: HTTP on 127.0.0.1:0,
 * no listeners unless the test asks for them (fixed ports would collide between test files).
 */
export async function startTestVaern(config: Record<string, unknown> = {}, opts: Omit<StartOptions, 'config' | 'adminPassword'> = {}): Promise<TestVaern> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vaern-test-'));
  const parsed = VaernConfig.parse({ listeners: [], ...config, dataDir: join(dataDir, 'data'), http: { host: '127.0.0.1', port: 0 } });
  try {
    const vaern = await startVaern({ ...opts, config: parsed, adminPassword: ADMIN_PASSWORD });
    return {
      vaern,
      dataDir,
      base: `http://127.0.0.1:${vaern.httpPort}`,
      async stop() {
        await vaern.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Sign in and return the session cookie (`vaern_session=...`) for later requests. */
export async function signIn(base: string, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  assert.equal(res.status, 200, `sign-in of ${username}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (cookie === undefined || !cookie.startsWith('vaern_session=')) assert.fail(`no session cookie in the sign-in answer of ${username}`);
  return cookie;
}

/** Syslog listeners on free loopback ports, for tests that send real traffic. */
export const LOOPBACK_SYSLOG = [
  { name: 'syslog-udp', protocol: 'udp', host: '127.0.0.1', port: 0 },
  { name: 'syslog-tcp', protocol: 'tcp', host: '127.0.0.1', port: 0 },
];
