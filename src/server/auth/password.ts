import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/**
 * Password hashing: argon2id with OWASP's first recommended setting (19 MiB memory, 2 passes,
 * 1 lane), memory-hard so a stolen user table is slow to crack on GPUs.
 */
const OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id: the package declares it as a const enum, which type stripping cannot inline
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Passphrase length bounds: NIST SP 800-63B minimum without MFA, and a cap so hashing stays bounded. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A hash of a random password, made once. Sign-in verifies against it when the username is
 * unknown, so a missing user costs the same time as a wrong password and usernames cannot be
 * probed by timing.
 */
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

/** Verify `password` against `stored`, or against the dummy hash when there is no user. */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  const target = stored ?? (await dummyHash());
  try {
    const ok = await verify(target, password);
    return ok && stored !== undefined;
  } catch {
    // A malformed stored hash is a failed sign-in, not a server error.
    return false;
  }
}

/** A random password for the first admin, printed once by the caller. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
