import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { auth } from '../api/endpoints.ts';
import { UNAUTHORIZED_EVENT } from '../api/http.ts';
import type { Me } from '../api/types.ts';
import i18n, { isLocale, type Locale } from '../i18n/index.ts';

export interface Session {
  me: Me;
  /** Holds a centre-wide grant (`*`): sees every tenant and the centre view. */
  isCentre: boolean;
  /** May open Administration. */
  isAdmin: boolean;
}

interface AuthValue {
  /** `undefined` while the first check runs, `null` when signed out. */
  session: Session | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

function sessionOf(me: Me): Session {
  return {
    me,
    isCentre: me.user.grants.some((g) => g.tenant === '*'),
    isAdmin: me.user.grants.some((g) => g.role === 'admin'),
  };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  const adopt = useCallback(async () => {
    const me = await auth.me();
    if (isLocale(me.user.locale)) await i18n.changeLanguage(me.user.locale);
    setSession(sessionOf(me));
  }, []);

  useEffect(() => {
    adopt().catch(() => setSession(null));
    const onUnauthorized = () => setSession(null);
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [adopt]);

  const value = useMemo<AuthValue>(
    () => ({
      session,
      signIn: async (username, password) => {
        await auth.login(username, password);
        await adopt();
      },
      signOut: async () => {
        await auth.logout().catch(() => undefined);
        setSession(null);
      },
      setLocale: async (locale) => {
        await i18n.changeLanguage(locale);
        if (session) {
          await auth.setLocale(locale);
          setSession({ ...session, me: { ...session.me, user: { ...session.me.user, locale } } });
        }
      },
    }),
    [session, adopt],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in session; only for components rendered behind the sign-in gate. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
