import { z } from 'zod';
import type { User } from '../../store/state/state-store.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password.ts';
import { RoleGrantSchema } from '../schemas.ts';

export const Locale = z.enum(['da', 'nb', 'en']).describe('Console language');

export const Username = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,128}$/, 'letters, digits and . _ @ - only')
  .describe('Sign-in name');

export const Password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).describe(`Passphrase, ${PASSWORD_MIN}-${PASSWORD_MAX} characters`);

/** A user as the API shows it: never the password hash (the response schema strips it). */
export const PublicUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.string(),
  grants: z.array(RoleGrantSchema),
});

export const UserRecord = PublicUser.extend({
  disabled: z.boolean(),
  createdAt: z.number().int().describe('Epoch ms'),
});

export function publicUser(u: User): z.infer<typeof PublicUser> {
  return { id: u.id, username: u.username, displayName: u.displayName, locale: u.locale, grants: [...u.grants] };
}
