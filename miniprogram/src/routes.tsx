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
// The service file (八个一), the person's pages and the officers': their own texts. Reachable by
// path whatever core/service-availability.ts says (the home card follows the switch).
const fileTexts = { namespaces: ['fileApp'] } as const;

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
  {
    path: '/service-file',
    page: lazyPage(
      () => import('./pages/service-file/service-file-page').then((m) => m.ServiceFilePage),
      fileTexts,
    ),
  },
  {
    path: '/service-file/consent',
    page: lazyPage(() => import('./pages/service-file/consent').then((m) => m.ConsentPage), fileTexts),
  },
  // Where a reminder's button lands: service-file/items/<kind>.
  {
    path: '/service-file/items/:kind',
    page: lazyPage(() => import('./pages/service-file/item-page').then((m) => m.ItemPage), fileTexts),
  },
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
    // With the service file's texts: reviewers' entries to its queue, completeness and requests.
    page: lazyPage(() => import('./pages/workbench-page').then((m) => m.WorkbenchPage), fileTexts),
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
    path: '/review/service-file',
    page: lazyPage(
      () => import('./pages/service-file/review-queue-page').then((m) => m.ServiceQueuePage),
      fileTexts,
    ),
  },
  {
    path: '/review/service-file/items/:id',
    page: lazyPage(
      () => import('./pages/service-file/review-item-page').then((m) => m.ServiceReviewPage),
      fileTexts,
    ),
  },
  {
    path: '/review/service-file/people/:userId',
    page: lazyPage(
      () => import('./pages/service-file/person-file-page').then((m) => m.PersonFilePage),
      fileTexts,
    ),
  },
  {
    path: '/review/service-file/completeness',
    page: lazyPage(
      () => import('./pages/service-file/completeness-page').then((m) => m.CompletenessPage),
      fileTexts,
    ),
  },
  {
    path: '/review/service-file/livelihood',
    page: lazyPage(
      () => import('./pages/service-file/livelihood-page').then((m) => m.LivelihoodQueuePage),
      fileTexts,
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
];
