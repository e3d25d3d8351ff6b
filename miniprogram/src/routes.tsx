// The route table: in-app path → page. A new feature adds its pages here (lazyPage() for anything
// big or officer-only, so the residents' first screen stays small).
import { lazyPage } from './lib/lazy-page';
import type { RouteDef } from './lib/router';
import { ComingSoonPage } from './pages/coming-soon-page';
import { HomePage } from './pages/home-page';
import { SettingsPage } from './pages/settings-page';

// The certificate pages use the certificate vocabulary (sexes, statuses, validation messages).
const certificateTexts = { namespaces: ['certificates'] } as const;
// Guide, past campaigns and the publicity pages: the campaign vocabulary shared with the bot (topics,
// statuses, reasons, validation) and the pages' own texts.
const publicityTexts = { namespaces: ['campaigns', 'publicity'] } as const;
// Administration pages (township-wide admins): their own texts.
const adminTexts = { namespaces: ['admin'] } as const;
const admin = (load: Parameters<typeof lazyPage>[0]) => lazyPage(load, adminTexts);

export const routes: readonly RouteDef[] = [
  { path: '/', page: HomePage },
  { path: '/settings', page: SettingsPage },
  {
    path: '/certificates',
    page: lazyPage(
      () => import('./pages/certificates/certificates-page').then((m) => m.CertificatesPage),
      certificateTexts,
    ),
  },
  {
    path: '/certificates/applications/:id',
    page: lazyPage(
      () => import('./pages/certificates/application-page').then((m) => m.ApplicationPage),
      certificateTexts,
    ),
  },
  // 核验证明: the QR scanner, with the certificate vocabulary its verdicts and signed fields use.
  {
    path: '/verify',
    page: lazyPage(() => import('./pages/verify/scan-page').then((m) => m.ScanPage), certificateTexts),
  },
  { path: '/service-file', page: () => <ComingSoonPage service="serviceFile" /> },
  {
    path: '/guide',
    page: lazyPage(() => import('./pages/guide/guide-page').then((m) => m.GuidePage), publicityTexts),
  },
  {
    path: '/guide/:slug',
    page: lazyPage(
      () => import('./pages/guide/guide-detail-page').then((m) => m.GuideDetailPage),
      publicityTexts,
    ),
  },
  {
    path: '/campaigns',
    page: lazyPage(
      () => import('./pages/campaigns/published-list-page').then((m) => m.PublishedListPage),
      publicityTexts,
    ),
  },
  {
    path: '/campaigns/:id',
    page: lazyPage(
      () => import('./pages/campaigns/published-page').then((m) => m.PublishedPage),
      publicityTexts,
    ),
  },
  { path: '/tip-offs', page: () => <ComingSoonPage service="tipOffs" /> },
  {
    path: '/workbench',
    page: lazyPage(() => import('./pages/workbench-page').then((m) => m.WorkbenchPage)),
  },
  {
    path: '/review',
    page: lazyPage(
      () => import('./pages/review/review-queue-page').then((m) => m.ReviewQueuePage),
      certificateTexts,
    ),
  },
  {
    path: '/review/applications/:id',
    page: lazyPage(() => import('./pages/review/review-page').then((m) => m.ReviewPage), certificateTexts),
  },
  {
    path: '/review/dashboard',
    page: lazyPage(
      () => import('./pages/review/dashboard-page').then((m) => m.DashboardPage),
      certificateTexts,
    ),
  },
  {
    path: '/publicity',
    page: lazyPage(
      () => import('./pages/publicity/publicity-page').then((m) => m.PublicityPage),
      publicityTexts,
    ),
  },
  // Before '/publicity/campaigns/:id', which would otherwise read "new" as an id.
  {
    path: '/publicity/campaigns/new',
    page: lazyPage(
      () => import('./pages/publicity/campaign-page').then((m) => m.NewCampaignPage),
      publicityTexts,
    ),
  },
  {
    path: '/publicity/campaigns/:id',
    page: lazyPage(
      () => import('./pages/publicity/campaign-page').then((m) => m.CampaignPage),
      publicityTexts,
    ),
  },
  {
    path: '/publicity/guide/:slug',
    page: lazyPage(
      () => import('./pages/guide/guide-edit-page').then((m) => m.GuideEditPage),
      publicityTexts,
    ),
  },
  { path: '/admin', page: admin(() => import('./pages/admin/admin-page').then((m) => m.AdminPage)) },
  {
    path: '/admin/villages',
    page: admin(() => import('./pages/admin/villages-page').then((m) => m.VillagesPage)),
  },
  {
    path: '/admin/villages/:id',
    page: admin(() => import('./pages/admin/village-page').then((m) => m.VillagePage)),
  },
  {
    path: '/admin/villages/:id/poster',
    page: admin(() => import('./pages/admin/poster-page').then((m) => m.PosterPage)),
  },
  {
    path: '/admin/officers',
    page: admin(() => import('./pages/admin/officers-page').then((m) => m.OfficersPage)),
  },
  // Before '/admin/officers/:id', which would otherwise read "invite" as an id.
  {
    path: '/admin/officers/invite',
    page: admin(() => import('./pages/admin/invite-page').then((m) => m.InvitePage)),
  },
  {
    path: '/admin/officers/:id',
    page: admin(() => import('./pages/admin/officer-page').then((m) => m.OfficerPage)),
  },
  {
    path: '/admin/settings',
    page: admin(() => import('./pages/admin/settings-page').then((m) => m.AdminSettingsPage)),
  },
  { path: '/admin/audit', page: admin(() => import('./pages/admin/audit-page').then((m) => m.AuditPage)) },
];
