import type { StateStore } from '../../store/state/state-store.ts';
import { generatePassword, hashPassword, PASSWORD_MAX, PASSWORD_MIN } from './password.ts';

export const ADMIN_USERNAME = 'admin';

/**
 * First start: when there are no users at all, create `admin` with a centre-wide admin grant.
 * The password is the one given (from VAERN_ADMIN_PASSWORD), else a generated one that is
 * returned so the caller can show it once; it is not logged or stored in clear anywhere.
 * Once any user exists this does nothing, so a renamed or removed admin is not resurrected.
 */
export async function ensureAdmin(
  state: StateStore,
  opts: { password?: string | undefined } = {},
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await state.users.count()) > 0) return { created: false };
  const given = opts.password;
  if (given !== undefined && (given.length < PASSWORD_MIN || given.length > PASSWORD_MAX)) {
    throw new Error(`VAERN_ADMIN_PASSWORD: expected ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  }
  const password = given ?? generatePassword();
  await state.users.create({
    username: ADMIN_USERNAME,
    displayName: 'Administrator',
    passwordHash: await hashPassword(password),
    locale: 'en',
    grants: [{ tenant: '*', role: 'admin' }],
  });
  return given === undefined ? { created: true, generatedPassword: password } : { created: true };
}
