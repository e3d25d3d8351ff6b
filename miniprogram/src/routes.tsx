// The route table: in-app path → page. A new feature adds its pages here (lazyPage() for anything
// big or officer-only, so the residents' first screen stays small).
import { isServiceAvailable } from '../../core/service-availability';
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
// The tip-off officers' pages (case handler, finance, admin): the tip-off vocabulary shared with the
// bot and the reporter's pages (categories, statuses) and their own texts.
const deskTexts = { namespaces: ['tipoffs', 'tipoffDesk'] } as const;
// The reporter's tip-off screens (shared with the login-free /report page) and the tip-off vocabulary.
const reportTexts = { namespaces: ['report', 'tipoffs'] } as const;
const tipOffsStart = lazyPage(
  () => import('./pages/tipoffs/tipoffs-start-page').then((m) => m.TipOffsStartPage),
  reportTexts,
);
// The service file (八个一), the person's pages and the officers': their own texts. Reachable by
// path whatever core/service-availability.ts says (the home card follows the switch).
const fileTexts = { namespaces: ['fileApp'] } as const;
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
  // 核验证明: the QR scanner — certificates, service-file receipts and tip-off receipts — with the
  // vocabularies its verdicts and signed fields use.
  {
    path: '/verify',
    page: lazyPage(() => import('./pages/verify/scan-page').then((m) => m.ScanPage), {
      namespaces: ['certificates', 'fileApp', 'tipoffs'],
    }),
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
  // The home card's address says "coming soon" until the switch in core/service-availability.ts is on;
  // the pages themselves are reachable by their own addresses (tests, the bot's buttons).
  {
    path: '/tip-offs',
    page: isServiceAvailable('tipOffs') ? tipOffsStart : () => <ComingSoonPage service="tipOffs" />,
  },
  { path: '/tip-offs/start', page: tipOffsStart },
  {
    path: '/tip-offs/new',
    page: lazyPage(() => import('./pages/tipoffs/tip-new-page').then((m) => m.TipNewPage), reportTexts),
  },
  {
    path: '/tip-offs/follow',
    page: lazyPage(() => import('./pages/tipoffs/tip-follow-page').then((m) => m.TipFollowPage), reportTexts),
  },
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
    splitList: '/review',
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
    splitList: '/review/service-file',
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
    path: '/review/service-file/agreement',
    page: lazyPage(
      () => import('./pages/service-file/agreement-page').then((m) => m.AgreementPage),
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
  // 举报受理: the case handler's queue, a case, the figures ('/cases/charts' before '/cases/:id').
  {
    path: '/cases',
    page: lazyPage(
      () => import('./pages/tipoff-desk/case-queue-page').then((m) => m.CaseQueuePage),
      deskTexts,
    ),
  },
  {
    path: '/cases/charts',
    page: lazyPage(() => import('./pages/tipoff-desk/charts-page').then((m) => m.TipChartsPage), deskTexts),
  },
  {
    path: '/cases/:id',
    page: lazyPage(() => import('./pages/tipoff-desk/case-page').then((m) => m.CasePage), deskTexts),
    splitList: '/cases',
  },
  // Rewards: finance (approvals, claims, payment), the ledger, the admin's reward table.
  {
    path: '/rewards',
    page: lazyPage(() => import('./pages/tipoff-desk/rewards-page').then((m) => m.RewardsPage), deskTexts),
  },
  {
    path: '/rewards/ledger',
    page: lazyPage(() => import('./pages/tipoff-desk/ledger-page').then((m) => m.LedgerPage), deskTexts),
  },
  {
    path: '/rewards/tiers',
    page: lazyPage(() => import('./pages/tipoff-desk/tiers-page').then((m) => m.TiersPage), deskTexts),
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
