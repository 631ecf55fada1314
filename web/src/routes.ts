import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Session } from './session/AuthContext.tsx';

/**
 * The console's areas. Navigation and routing are both built from this table, so a new area
 * (cases, compliance, risks, plan, reports) is one entry here plus its screen.
 */
export interface AppRoute {
  /** Router pattern. */
  path: string;
  /** Where the navigation link points. */
  href: string;
  /** i18n key of the navigation label and page title. */
  labelKey: string;
  screen: LazyExoticComponent<ComponentType>;
  /** Who sees the area; everyone signed in when left out. */
  visible?: (session: Session) => boolean;
}

export const ROUTES: AppRoute[] = [
  { path: '/', href: '/', labelKey: 'nav.overview', screen: lazy(() => import('./screens/overview/Overview.tsx')) },
  { path: '/centre', href: '/centre', labelKey: 'nav.centre', screen: lazy(() => import('./screens/centre/Centre.tsx')), visible: (s) => s.isCentre },
  { path: '/alerts/:alertId?', href: '/alerts', labelKey: 'nav.alerts', screen: lazy(() => import('./screens/alerts/Alerts.tsx')) },
  { path: '/suppressions', href: '/suppressions', labelKey: 'nav.suppressions', screen: lazy(() => import('./screens/suppressions/Suppressions.tsx')) },
  { path: '/hunt', href: '/hunt', labelKey: 'nav.hunt', screen: lazy(() => import('./screens/hunt/Hunt.tsx')) },
  { path: '/sensors', href: '/sensors', labelKey: 'nav.sensors', screen: lazy(() => import('./screens/sensors/Sensors.tsx')) },
  { path: '/admin', href: '/admin', labelKey: 'nav.admin', screen: lazy(() => import('./screens/admin/Admin.tsx')), visible: (s) => s.isAdmin },
];

export function visibleRoutes(session: Session): AppRoute[] {
  return ROUTES.filter((r) => r.visible === undefined || r.visible(session));
}
