import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { useAuth } from './AuthContext.tsx';
import { LanguageSwitcher } from '../layout/LanguageSwitcher.tsx';
import { ThemeToggle } from '../layout/ThemeToggle.tsx';
import { TextField } from '../components/Field.tsx';

const ERROR_KEYS: Record<number, string> = { 401: 'signIn.wrongCredentials', 429: 'signIn.tooManyAttempts' };

export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username, password);
    } catch (err) {
      const key = err instanceof ApiError ? ERROR_KEYS[err.status] : undefined;
      setError(key ? t(key) : t('signIn.failed'));
      setBusy(false);
    }
  };

  return (
    <div className="signin-page">
      <header className="signin-tools">
        <LanguageSwitcher id="signin-language" />
        <ThemeToggle />
      </header>
      <main id="main" className="signin-card">
        <h1>
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          {t('signIn.title')}
        </h1>
        <p className="muted">{t('signIn.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate={false}>
          <TextField id="username" label={t('signIn.username')} name="username" autoComplete="username" required value={username} onChange={setUsername} />
          <TextField
            id="password"
            label={t('signIn.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
          {error && (
            <p className="status status-error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
