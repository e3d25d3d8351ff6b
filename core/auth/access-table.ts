// The expected answer of every API operation to every kind of caller, kept beside the policies and
// checked by test/integration/api/authorization-sweep.test.ts: each operation is called as each role
// on a realistic record (an application, certificate, campaign of 东山村 …) and must be allowed
// (2xx, or a 4xx about the request or the record's state) or denied (401, 403, 404) exactly as here.
// A new route without a row fails that test.

export const ACCESS_ROLES = [
  'anonymous',
  /** The person whose application/certificate/user record it is (a fresh migrant of 东山村). */
  'applicant',
  /** 900101 张小明, resident of 东山村 — same village, someone else's record. */
  'resident',
  /** 900103 王芳, migrant of 西山村. */
  'migrantElsewhere',
  /** 900002 王审核 (东山村, 西山村): owns the applications in review. */
  'reviewerInScope',
  /** 900006 周审核 (南湖社区, 北苑社区, 河西村). */
  'reviewerOutOfScope',
  /** 900003 陈宣传, township-wide; author of draft campaigns, approver of 900007's. */
  'publicity',
  'caseHandler',
  'finance',
  'admin',
] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

const EVERYONE: readonly AccessRole[] = ACCESS_ROLES;
const SIGNED_IN = ACCESS_ROLES.filter((r) => r !== 'anonymous');
const REVIEW_STAFF: readonly AccessRole[] = ['reviewerInScope', 'reviewerOutOfScope', 'admin'];
const IN_SCOPE_REVIEW: readonly AccessRole[] = ['reviewerInScope', 'admin'];
const CAMPAIGN_STAFF: readonly AccessRole[] = ['publicity', 'admin'];
const CASE_STAFF: readonly AccessRole[] = ['caseHandler', 'admin'];
const FINANCE_STAFF: readonly AccessRole[] = ['finance', 'admin'];

export interface AccessRow {
  /** The record the call is made on (what the sweep builds for it). */
  on: string;
  allow: readonly AccessRole[];
}

/** `METHOD /path` as in the OpenAPI document → who is allowed. Everyone else is denied. */
export const ACCESS_TABLE: Record<string, AccessRow> = {
  'GET /healthz': { on: 'the liveness probe', allow: EVERYONE },
  'GET /api/config': { on: 'public configuration', allow: EVERYONE },
  'GET /api/me': { on: 'oneself', allow: SIGNED_IN },
  'PATCH /api/me': { on: 'oneself (same language)', allow: SIGNED_IN },
  'GET /api/villages': { on: 'the village list', allow: SIGNED_IN },
  'GET /api/villages/{villageId}/summary': {
    on: '东山村',
    allow: ['reviewerInScope', 'publicity', 'caseHandler', 'finance', 'admin'],
  },
  'GET /api/users/{userId}': {
    on: "the applicant's record (东山村)",
    allow: ['applicant', 'reviewerInScope', 'caseHandler', 'admin'],
  },
  'POST /api/certificates/verify-payload': { on: "a certificate's QR payload", allow: EVERYONE },
  'GET /api/certificates/keys': { on: 'the public keys', allow: EVERYONE },
  'GET /api/certificates/status-list': { on: 'the signed list of revoked certificates', allow: EVERYONE },
  'GET /api/certificates/{serial}/verify': { on: 'an issued certificate', allow: EVERYONE },
  'GET /api/certificates/applications': { on: "one's own applications", allow: SIGNED_IN },
  'POST /api/certificates/applications': { on: "one's own new application", allow: SIGNED_IN },
  'GET /api/certificates/applications/{applicationId}': { on: 'a draft', allow: ['applicant'] },
  'PUT /api/certificates/applications/{applicationId}/draft': { on: 'a draft', allow: ['applicant'] },
  'POST /api/certificates/applications/{applicationId}/documents': { on: 'a draft', allow: ['applicant'] },
  'DELETE /api/certificates/applications/{applicationId}/documents/{documentId}': {
    on: "a draft's document",
    allow: ['applicant'],
  },
  'GET /api/certificates/applications/{applicationId}/documents/{documentId}': {
    on: 'a document of an application in review',
    allow: ['applicant', ...IN_SCOPE_REVIEW],
  },
  'POST /api/certificates/applications/{applicationId}/submit': {
    on: 'a complete draft',
    allow: ['applicant'],
  },
  'GET /api/certificates/{serial}/pdf': {
    on: 'an issued certificate',
    allow: ['applicant', ...IN_SCOPE_REVIEW],
  },
  'GET /api/review/applications': { on: 'the queue of their villages', allow: REVIEW_STAFF },
  'POST /api/review/applications/search': { on: 'the queue of their villages', allow: REVIEW_STAFF },
  'POST /api/review/applications/export': { on: 'the queue of their villages', allow: REVIEW_STAFF },
  'POST /api/review/certificates/export': { on: 'the certificates of their villages', allow: REVIEW_STAFF },
  'GET /api/review/dashboard': { on: 'the figures of their villages', allow: REVIEW_STAFF },
  'GET /api/review/applications/{applicationId}': { on: 'an application in review', allow: IN_SCOPE_REVIEW },
  'POST /api/review/applications/{applicationId}/claim': {
    on: 'a submitted application nobody has taken up',
    allow: ['reviewerInScope'],
  },
  'GET /api/review/applications/{applicationId}/officers': {
    on: 'an application in review',
    allow: IN_SCOPE_REVIEW,
  },
  'POST /api/review/applications/{applicationId}/handover': {
    on: 'an application in review owned by 900002, to 900008',
    allow: IN_SCOPE_REVIEW,
  },
  'POST /api/review/applications/{applicationId}/return': {
    on: 'an application in review',
    allow: ['reviewerInScope'],
  },
  'POST /api/review/applications/{applicationId}/reject': {
    on: 'an application in review',
    allow: ['reviewerInScope'],
  },
  'POST /api/review/applications/{applicationId}/issue': {
    on: 'an application in review',
    allow: ['reviewerInScope'],
  },
  'POST /api/review/certificates/{serial}/revoke': { on: 'a valid certificate', allow: IN_SCOPE_REVIEW },
  'GET /api/me/topics': { on: "one's subscriptions", allow: SIGNED_IN },
  'PUT /api/me/topics': { on: "one's subscriptions (unchanged)", allow: SIGNED_IN },
  'GET /api/campaigns/published': { on: 'past campaigns of my topics', allow: SIGNED_IN },
  'GET /api/campaigns/published/{campaignId}': {
    on: 'a sent campaign for 东山村',
    // Residents read the past campaigns of their village; officers filed in no village see those for all.
    allow: ['applicant', 'resident'],
  },
  'POST /api/campaigns/{campaignId}/click': { on: 'a sent campaign', allow: SIGNED_IN },
  'GET /api/campaigns': { on: 'campaigns in their scope', allow: CAMPAIGN_STAFF },
  'POST /api/campaigns/export': { on: 'reach of campaigns in their scope', allow: CAMPAIGN_STAFF },
  'POST /api/campaigns': { on: 'a new draft for 东山村', allow: ['publicity'] },
  'GET /api/campaigns/audience/count': { on: 'an audience of 东山村', allow: CAMPAIGN_STAFF },
  'GET /api/campaigns/{campaignId}': { on: 'a draft by 900003', allow: CAMPAIGN_STAFF },
  'PUT /api/campaigns/{campaignId}': { on: 'a draft by 900003', allow: ['publicity'] },
  'PUT /api/campaigns/{campaignId}/variants/{language}': { on: 'a draft by 900003', allow: ['publicity'] },
  'DELETE /api/campaigns/{campaignId}/variants/{language}': { on: 'a draft by 900003', allow: ['publicity'] },
  'POST /api/campaigns/{campaignId}/variants/{language}/image': {
    on: 'a draft by 900003',
    allow: ['publicity'],
  },
  'DELETE /api/campaigns/{campaignId}/variants/{language}/image': {
    on: 'a draft by 900003',
    allow: ['publicity'],
  },
  'GET /api/campaigns/{campaignId}/variants/{language}/image': {
    on: 'a draft by 900003 (not yet public)',
    allow: CAMPAIGN_STAFF,
  },
  'POST /api/campaigns/{campaignId}/submit': { on: 'a complete draft by 900003', allow: ['publicity'] },
  'POST /api/campaigns/{campaignId}/approve': { on: 'a campaign submitted by 900007', allow: CAMPAIGN_STAFF },
  'POST /api/campaigns/{campaignId}/return': { on: 'a campaign submitted by 900007', allow: CAMPAIGN_STAFF },
  'POST /api/campaigns/{campaignId}/schedule': { on: 'an approved campaign', allow: ['publicity'] },
  'POST /api/campaigns/{campaignId}/cancel': { on: 'a draft by 900003', allow: CAMPAIGN_STAFF },
  'POST /api/campaigns/{campaignId}/test': { on: 'a draft by 900003', allow: CAMPAIGN_STAFF },
  'GET /api/campaigns/{campaignId}/progress': { on: 'a sent campaign', allow: CAMPAIGN_STAFF },
  'GET /api/campaigns/{campaignId}/stats': { on: 'a sent campaign', allow: CAMPAIGN_STAFF },
  'POST /api/campaigns/{campaignId}/resend-failed': {
    on: 'a sent campaign with a failed delivery',
    allow: ['publicity'],
  },
  // Desk sessions only (a browser cookie): every Telegram caller is answered 404.
  'GET /api/desk/session': { on: 'a desk session (none: the sweep calls from the mini app)', allow: [] },
  'POST /api/desk/sign-out': { on: 'a desk session (none: the sweep calls from the mini app)', allow: [] },
  'GET /api/service-file': { on: "one's own service file (or none)", allow: SIGNED_IN },
  'POST /api/service-file/departure': { on: 'oneself (registering as leaving)', allow: SIGNED_IN },
  'POST /api/service-file/moved-back': { on: 'an open service file', allow: ['applicant'] },
  'POST /api/service-file/items/{kind}/upload': { on: "one's own proof item", allow: ['applicant'] },
  'POST /api/service-file/agreement/acknowledge': { on: "one's own agreement item", allow: ['applicant'] },
  'POST /api/service-file/contact': { on: "one's own contact item", allow: ['applicant'] },
  'POST /api/service-file/health-consent': { on: "one's own consent", allow: SIGNED_IN },
  'DELETE /api/service-file/health-consent': { on: "one's own consent", allow: SIGNED_IN },
  'POST /api/service-file/livelihood': { on: "one's own open file", allow: ['applicant'] },
  'GET /api/service-file/submissions/{submissionId}/file': {
    on: 'a submitted proof of 东山村',
    allow: ['applicant', ...IN_SCOPE_REVIEW],
  },
  'POST /api/service-file/receipts/verify': { on: 'a receipt', allow: EVERYONE },
  'GET /api/review/service-file/queue': { on: 'the queue of their villages', allow: REVIEW_STAFF },
  'GET /api/review/service-file/items/{itemId}': { on: 'a submitted item of 东山村', allow: IN_SCOPE_REVIEW },
  'POST /api/review/service-file/items/{itemId}/claim': {
    on: 'a submitted item nobody has taken up',
    allow: ['reviewerInScope'],
  },
  'POST /api/review/service-file/items/{itemId}/verify': {
    on: 'a submitted item owned by 900002',
    allow: ['reviewerInScope'],
  },
  'POST /api/review/service-file/items/{itemId}/record': {
    on: 'a training item not yet met',
    allow: ['reviewerInScope'],
  },
  'GET /api/review/service-file/items/{itemId}/officers': {
    on: 'a submitted item of 东山村',
    allow: IN_SCOPE_REVIEW,
  },
  'POST /api/review/service-file/items/{itemId}/handover': {
    on: 'a submitted item owned by 900002, to 900008',
    allow: IN_SCOPE_REVIEW,
  },
  'POST /api/review/service-file/items/{itemId}/return': {
    on: 'a submitted item owned by 900002',
    allow: ['reviewerInScope'],
  },
  'GET /api/review/service-file/submissions/{submissionId}/file': {
    on: 'a submitted proof of 东山村',
    allow: IN_SCOPE_REVIEW,
  },
  'GET /api/review/service-file/people/{userId}': { on: 'a file of 东山村', allow: IN_SCOPE_REVIEW },
  'POST /api/review/service-file/people/search': { on: 'the files of their villages', allow: REVIEW_STAFF },
  'GET /api/review/service-file/completeness': { on: 'the figures of their villages', allow: REVIEW_STAFF },
  'POST /api/review/service-file/completeness/refresh': {
    on: 'the figures of their villages',
    allow: REVIEW_STAFF,
  },
  'GET /api/review/service-file/completeness.csv': {
    on: 'the figures of their villages',
    allow: REVIEW_STAFF,
  },
  'GET /api/review/service-file/livelihood': { on: 'requests of their villages', allow: REVIEW_STAFF },
  'POST /api/review/service-file/livelihood/{requestId}/answer': {
    on: 'an open request of 东山村',
    allow: ['reviewerInScope'],
  },
  'GET /api/review/service-file/agreement': { on: 'the current agreement', allow: ['admin'] },
  'PUT /api/review/service-file/agreement': { on: 'a new agreement version', allow: ['admin'] },
  'GET /api/guide': { on: 'the guide', allow: SIGNED_IN },
  'GET /api/guide/{slug}': { on: 'a guide page', allow: SIGNED_IN },
  'PUT /api/guide/{slug}': { on: 'a new guide page', allow: CAMPAIGN_STAFF },
  'DELETE /api/guide/{slug}': { on: 'a guide page', allow: CAMPAIGN_STAFF },
  'GET /api/public/tips/categories': { on: 'the categories and reward table', allow: EVERYONE },
  'POST /api/public/tips': { on: 'a new tip-off (web)', allow: EVERYONE },
  'POST /api/public/tips/lookup': { on: 'a tip, with its receipt', allow: EVERYONE },
  'POST /api/public/tips/messages': { on: 'a tip, with its receipt', allow: EVERYONE },
  'POST /api/public/tips/attachments': { on: 'a tip, with its receipt', allow: EVERYONE },
  'POST /api/public/tips/reward/claim': { on: 'an approved reward, with the receipt', allow: EVERYONE },
  'POST /api/public/tips/receipt/verify': { on: "a tip's signed receipt", allow: EVERYONE },
  'POST /api/tips': { on: 'a new tip-off (mini app)', allow: SIGNED_IN },
  'PUT /api/tips/notifications': { on: 'a tip, with its receipt (opt out)', allow: SIGNED_IN },
  'POST /api/tips/notifications/state': {
    on: 'a tip, with its receipt (chat switch state)',
    allow: SIGNED_IN,
  },
  'GET /api/tips/queue': { on: 'the tip-off queue', allow: CASE_STAFF },
  'GET /api/tips/charts': { on: 'the tip-off figures', allow: ['caseHandler', 'finance', 'admin'] },
  'GET /api/tips/{tipId}': { on: 'a received tip', allow: CASE_STAFF },
  'POST /api/tips/{tipId}/actions': { on: 'a received tip (acknowledge)', allow: ['caseHandler'] },
  'GET /api/tips/{tipId}/officers': { on: 'a received tip', allow: CASE_STAFF },
  'POST /api/tips/{tipId}/handover': { on: 'a tip owned by 900004 (to no handler: 400)', allow: CASE_STAFF },
  'POST /api/tips/{tipId}/link': { on: 'a received tip (to tip No. 1)', allow: ['caseHandler'] },
  'POST /api/tips/{tipId}/messages': { on: 'a received tip', allow: ['caseHandler'] },
  'GET /api/tips/{tipId}/attachments/{attachmentId}': { on: "a tip's photo", allow: CASE_STAFF },
  'POST /api/tips/{tipId}/reward': { on: 'a substantiated tip owned by 900004', allow: ['caseHandler'] },
  'GET /api/rewards': { on: 'the rewards ledger', allow: FINANCE_STAFF },
  // The first approval is finance's; an admin may only be the second approver (≥ threshold).
  'POST /api/rewards/{rewardId}/approve': { on: 'a ¥1,000 reward proposed by 900004', allow: ['finance'] },
  'POST /api/rewards/{rewardId}/decline': { on: 'a reward proposed by 900004', allow: FINANCE_STAFF },
  'POST /api/rewards/claim-in-person': { on: 'an approved reward (receipt scanned)', allow: ['finance'] },
  'GET /api/rewards/{rewardId}/bank-details': { on: 'a reward claimed by transfer', allow: ['finance'] },
  'POST /api/rewards/{rewardId}/paid': { on: 'a reward claimed by transfer', allow: ['finance'] },
  'PUT /api/reward-tiers/{category}': { on: 'the misconduct tier (unchanged)', allow: ['admin'] },
  // Administration: a township-wide admin only (core/officers/officer-policy.ts).
  'GET /api/admin/villages': { on: 'every village', allow: ['admin'] },
  'POST /api/admin/villages': { on: 'a new village', allow: ['admin'] },
  'PATCH /api/admin/villages/{villageId}': { on: 'a village made for the call', allow: ['admin'] },
  'GET /api/admin/officers': { on: 'the officers and open invitations', allow: ['admin'] },
  'POST /api/admin/officers/invites': { on: 'a new invitation', allow: ['admin'] },
  'DELETE /api/admin/officers/invites/{inviteId}': { on: 'an open invitation', allow: ['admin'] },
  'PUT /api/admin/officers/{userId}': { on: 'a reviewer of 东山村 who owns nothing', allow: ['admin'] },
  'GET /api/admin/settings': { on: 'the run-time settings', allow: ['admin'] },
  'PUT /api/admin/settings': { on: 'the run-time settings (nothing changed)', allow: ['admin'] },
  'GET /api/admin/audit': { on: 'the audit log', allow: ['admin'] },
  'GET /api/admin/audit/export': { on: 'the audit log as CSV', allow: ['admin'] },
};
