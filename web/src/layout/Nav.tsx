import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/AuthContext.tsx';
import { visibleRoutes } from '../routes.ts';

export function Nav() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <nav className="sidenav" aria-label={t('nav.label')}>
      <ul>
        {visibleRoutes(session).map((r) => (
          <li key={r.href}>
            <NavLink to={r.href} end={r.href === '/'}>
              {t(r.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
