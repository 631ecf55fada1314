import { createHash, randomBytes } from 'node:crypto';

/**
 * Session ids and API tokens: 32 random bytes, sent to the client once; only their SHA-256 is
 * stored, so a copy of the state database yields no usable credential. A fast hash suffices
 * because the input has 256 bits of entropy (unlike passwords).
 */
export const TOKEN_PREFIX = 'vaern_';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return TOKEN_PREFIX + newSecret();
}

export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
