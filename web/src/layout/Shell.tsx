import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Nav } from './Nav.tsx';
import { TenantSwitcher } from './TenantSwitcher.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { UserMenu } from './UserMenu.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';

/** Page frame: skip link, banner, navigation and the main landmark. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <Link className="brand" to="/" aria-label={t('shell.home')}>
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>{t('app.name')}</span>
        </Link>
        <TenantSwitcher />
        <div className="topbar-tools">
          <LiveStatus />
          <LanguageSwitcher />
          <ThemeToggle />
          <UserMenu />
        </div>
      </header>
      <div className="layout">
        <Nav />
        <main id="main" ref={main} tabIndex={-1}>
          {children}
        </main>
      </div>
      <LiveAnnouncer />
    </>
  );
}
