// The route table: in-app path → page. A new feature adds its pages here (lazyPage() for anything
// big or officer-only, so the residents' first screen stays small).
import { lazyPage } from './lib/lazy-page';
import type { RouteDef } from './lib/router';
import { ComingSoonPage } from './pages/coming-soon-page';
import { HomePage } from './pages/home-page';
import { SettingsPage } from './pages/settings-page';

export const routes: readonly RouteDef[] = [
  { path: '/', page: HomePage },
  { path: '/settings', page: SettingsPage },
  { path: '/certificates', page: () => <ComingSoonPage service="certificates" /> },
  { path: '/service-file', page: () => <ComingSoonPage service="serviceFile" /> },
  { path: '/guide', page: () => <ComingSoonPage service="guide" /> },
  { path: '/tip-offs', page: () => <ComingSoonPage service="tipOffs" /> },
  {
    path: '/workbench',
    page: lazyPage(() => import('./pages/workbench-page').then((m) => m.WorkbenchPage)),
  },
];
