import { TextField } from '../../components/Field.tsx';

/** The server's minimum (PASSWORD_MIN in src/server/auth/password.ts), checked early by the browser. */
const PASSWORD_MIN = 12;

/** A new password for a user, as an administrator sets it (creating the user or resetting it). */
export function NewPasswordField({ id, label, hint, value, onChange }: { id: string; label: string; hint: string; value: string; onChange: (v: string) => void }) {
  return <TextField id={id} label={label} hint={hint} type="password" required minLength={PASSWORD_MIN} autoComplete="new-password" value={value} onChange={onChange} />;
}
