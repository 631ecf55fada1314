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
];

export function visibleRoutes(session: Session): AppRoute[] {
  return ROUTES.filter((r) => r.visible === undefined || r.visible(session));
}
