/**
 * Constraint violations as errors the API can show. Both PGlite and node-postgres report the
 * SQLSTATE in `code` and the constraint name in `constraint`; the migrations name every
 * constraint, so the name maps to a sentence.
 */
export type StateErrorKind = 'duplicate' | 'missing-reference';

export class StateConstraintError extends Error {
  override name = 'StateConstraintError';
  readonly kind: StateErrorKind;
  readonly constraint: string;
  constructor(kind: StateErrorKind, constraint: string, message: string, cause: unknown) {
    super(message, { cause });
    this.kind = kind;
    this.constraint = constraint;
  }
}

const MESSAGES: Record<string, string> = {
  tenants_pkey: 'a tenant with this id already exists',
  users_username_unique: 'a user with this username already exists',
  users_pkey: 'a user with this id already exists',
  role_grants_pkey: 'the same grant is listed twice',
  role_grants_user_id_fkey: 'no such user',
  sessions_pkey: 'a session with this id already exists',
  sessions_user_id_fkey: 'no such user',
  api_tokens_token_hash_unique: 'a token with this hash already exists',
  api_tokens_user_id_fkey: 'no such user',
  sensors_tenant_name_unique: 'the tenant already has a sensor with this name',
  sensors_tenant_fkey: 'no such tenant',
};

const KINDS: Record<string, StateErrorKind> = { '23505': 'duplicate', '23503': 'missing-reference' };

/** Rethrow a driver error as a `StateConstraintError` when it is a known kind of violation. */
export function translateError(err: unknown): never {
  if (typeof err === 'object' && err !== null) {
    const { code, constraint } = err as { code?: unknown; constraint?: unknown };
    const kind = typeof code === 'string' ? KINDS[code] : undefined;
    if (kind !== undefined) {
      const name = typeof constraint === 'string' ? constraint : 'unknown';
      throw new StateConstraintError(kind, name, `${MESSAGES[name] ?? `constraint ${name} violated`}`, err);
    }
  }
  throw err;
}

/** Await a write, translating constraint violations. */
export function guarded<T>(write: Promise<T>): Promise<T> {
  return write.catch(translateError);
}
