import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './session/AuthContext.tsx';
import { TenantProvider } from './session/TenantContext.tsx';
import { StreamProvider } from './live/StreamContext.tsx';
import { SignIn } from './session/SignIn.tsx';
import { Shell } from './layout/Shell.tsx';
import { visibleRoutes } from './routes.ts';
import { NotFound } from './screens/NotFound.tsx';
import { Loading } from './components/Status.tsx';

export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}

/** Signed out: the sign-in page. Signed in: the console, with its tenant choice and live stream. */
function Gate() {
  const { session } = useAuth();
  const { t } = useTranslation();
  if (session === undefined) return <Loading label={t('common.loading')} />;
  if (session === null) return <SignIn />;
  return (
    <TenantProvider>
      <StreamProvider>
        <Shell>
          <Suspense fallback={<Loading label={t('common.loading')} />}>
            <Routes>
              {visibleRoutes(session).map((r) => (
                <Route key={r.path} path={r.path} element={<r.screen />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Shell>
      </StreamProvider>
    </TenantProvider>
  );
}
