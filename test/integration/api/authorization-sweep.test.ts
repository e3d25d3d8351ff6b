// Every operation of the OpenAPI document × every kind of caller, against the expected table kept
// beside the policies (core/auth/access-table.ts). Each call is realistic — a valid request on a
// record in the state the table names, built fresh when the call changes it — so "allowed" means the
// action went through (or failed only on the request or the record's state) and "denied" means
// 401/403/404. An operation without a row, or a row without an operation, fails the test.

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../api/app';
import { ACCESS_ROLES, ACCESS_TABLE, type AccessRole } from '../../../core/auth/access-table';
import { fixedClock } from '../../../core/runtime';
import { serviceFiles, serviceItems, serviceSubmissions, users } from '../../../db/schema';
import { jpegWithGps, pngWithText, validForm } from '../../fixtures/certificates';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { villageId } from '../../harness/certificate-flow';
import { useTestDb } from '../../harness/db';
import { type Person, SWEEP_TITLE, sweepFixtures } from '../../harness/sweep-fixtures';
import {
  approvedReward,
  aTip,
  bankClaimedReward,
  proposedReward,
  type SubmittedTip,
  submitWebTip,
  tipIn,
} from '../../harness/tip-flow';

const db = useTestDb();
const clock = fixedClock('2026-11-27T02:00:00Z');
let t: TestApp;
let fx: ReturnType<typeof sweepFixtures>;

const SEEDED: Record<Exclude<AccessRole, 'anonymous' | 'applicant'>, number> = {
  resident: 900101,
  migrantElsewhere: 900103,
  reviewerInScope: 900002,
  reviewerOutOfScope: 900006,
  publicity: 900003,
  caseHandler: 900004,
  finance: 900005,
  admin: 900001,
};
const AUTHOR_2 = 900007;
const HANDOVER_TARGET = 900008;

/** What a call needs: its path and body, and (for records of a person) whose record it is. */
interface Call {
  path: string;
  body?: unknown;
  /** The person playing `applicant` for this call (the record's owner); else a plain person. */
  owner?: Person;
  /** Undo what the call did to shared state (a seeded person's new draft). */
  after?: (res: Response, role: AccessRole) => Promise<void>;
}
type Build = (caller: number | undefined) => Promise<Call>;

// Read-only calls share one record of each kind; calls that change a record get a fresh one.
let shared: {
  plain: Person;
  inReview: Awaited<ReturnType<typeof fx.application>>;
  certificate: Awaited<ReturnType<typeof fx.certificate>>;
  draftCampaign: { id: string };
  sentCampaign: { id: string };
  guideSlug: string;
  tip: SubmittedTip;
  tipAttachmentId: string;
};

const json = async <T>(res: Response) => (await res.json()) as T;
const dongshan = () => villageId(db, 'dongshan');
const form = (name: string, bytes: Uint8Array, extra: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(extra)) f.set(k, v);
  f.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  return f;
};
const apps = (path: string) => async () => {
  const a = await fx.application('draft');
  return { path: `/api/certificates/applications/${a.id}${path}`, owner: a.applicant };
};
const review = (action: string, body?: unknown) => async () => {
  const a = await fx.application('in_review');
  return { path: `/api/review/applications/${a.id}/${action}`, body, owner: a.applicant };
};
const campaign =
  (status: Parameters<typeof fx.campaign>[0], author: number, path: string, body?: unknown) => async () => {
    const c = await fx.campaign(status, author, { failedDelivery: status === 'sent' });
    return { path: `/api/campaigns/${c.id}${path}`, body };
  };

/** A fresh migrant of 东山村 with an open service file; its proof item submitted (and owned by 900002). */
const serviceItem = async (kind: 'residence_proof' | 'training', state: 'open' | 'submitted' | 'owned') => {
  const person = await fx.person();
  expect((await t.call('POST', '/api/service-file/departure', { as: person.telegramId })).status).toBe(200);
  if (state !== 'open') {
    const res = await t.call('POST', '/api/service-file/items/residence_proof/upload', {
      as: person.telegramId,
      body: form('proof.png', pngWithText(), { label: '居住证' }),
    });
    expect(res.status).toBe(201);
  }
  const [item] = await db
    .select({ id: serviceItems.id, submissionId: serviceItems.currentSubmissionId })
    .from(serviceItems)
    .where(and(eq(serviceItems.userId, person.userId), eq(serviceItems.kind, kind)));
  if (state === 'owned')
    await db
      .update(serviceItems)
      .set({ ownerOfficerId: await fx.userIdOf(SEEDED.reviewerInScope) })
      .where(eq(serviceItems.id, item!.id));
  return { person, itemId: item!.id, submissionId: item!.submissionId };
};
const sfReview = (action: string, body?: unknown) => async () => {
  const i = await serviceItem('residence_proof', 'owned');
  return { path: `/api/review/service-file/items/${i.itemId}/${action}`, body, owner: i.person };
};
const ownFile = (path: string, body?: unknown) => async () => {
  const i = await serviceItem('residence_proof', 'open');
  return { path, body, owner: i.person };
};

const BUILD: Record<string, Build> = {
  'GET /healthz': async () => ({ path: '/healthz' }),
  'GET /api/config': async () => ({ path: '/api/config' }),
  'GET /api/me': async () => ({ path: '/api/me' }),
  'PATCH /api/me': async (caller) => {
    const me = caller
      ? await json<{ user: { language: string } }>(await t.call('GET', '/api/me', { as: caller }))
      : null;
    return { path: '/api/me', body: { language: me?.user.language ?? 'zh-CN' } };
  },
  'GET /api/villages': async () => ({ path: '/api/villages' }),
  'GET /api/villages/{villageId}/summary': async () => ({
    path: `/api/villages/${await dongshan()}/summary`,
  }),
  'GET /api/users/{userId}': async () => {
    const p = await fx.person();
    return { path: `/api/users/${p.userId}`, owner: p };
  },
  'POST /api/certificates/verify-payload': async () => ({
    path: '/api/certificates/verify-payload',
    body: { payload: shared.certificate.payload },
  }),
  'GET /api/certificates/keys': async () => ({ path: '/api/certificates/keys' }),
  'GET /api/certificates/status-list': async () => ({ path: '/api/certificates/status-list' }),
  'GET /api/certificates/{serial}/verify': async () => ({
    path: `/api/certificates/${shared.certificate.serial}/verify?c=${shared.certificate.checkCode}`,
  }),
  'GET /api/certificates/applications': async () => ({ path: '/api/certificates/applications' }),
  'POST /api/certificates/applications': async () => ({
    path: '/api/certificates/applications',
    // A seeded person's new draft is removed at once: other test files expect them without one.
    after: async (res, role) => {
      const body = res.ok ? await json<{ id: string; created: boolean }>(res) : null;
      if (body?.created && role !== 'applicant') await fx.removeApplication(body.id);
    },
  }),
  'GET /api/certificates/applications/{applicationId}': apps(''),
  'PUT /api/certificates/applications/{applicationId}/draft': async () => ({
    ...(await apps('/draft')()),
    body: { form: validForm(), version: 1 },
  }),
  'POST /api/certificates/applications/{applicationId}/documents': async () => ({
    ...(await apps('/documents')()),
    body: form('id.jpg', jpegWithGps(), { kind: 'id_card' }),
  }),
  'DELETE /api/certificates/applications/{applicationId}/documents/{documentId}': async () => {
    const a = await fx.application('draft');
    return { path: `/api/certificates/applications/${a.id}/documents/${a.documentId}`, owner: a.applicant };
  },
  'GET /api/certificates/applications/{applicationId}/documents/{documentId}': async () => ({
    path: `/api/certificates/applications/${shared.inReview.id}/documents/${shared.inReview.documentId}`,
    owner: shared.inReview.applicant,
  }),
  'POST /api/certificates/applications/{applicationId}/submit': apps('/submit'),
  'GET /api/certificates/{serial}/pdf': async () => ({
    path: `/api/certificates/${shared.certificate.serial}/pdf`,
    owner: shared.certificate.applicant,
  }),
  'GET /api/review/applications': async () => ({ path: '/api/review/applications' }),
  'POST /api/review/applications/search': async () => ({
    path: '/api/review/applications/search',
    body: { q: '张' },
  }),
  'POST /api/review/applications/export': async () => ({
    path: '/api/review/applications/export',
    body: { view: 'open' },
  }),
  'POST /api/review/certificates/export': async () => ({ path: '/api/review/certificates/export', body: {} }),
  'GET /api/review/dashboard': async () => ({ path: '/api/review/dashboard' }),
  'GET /api/review/applications/{applicationId}': async () => ({
    path: `/api/review/applications/${shared.inReview.id}`,
    owner: shared.inReview.applicant,
  }),
  'POST /api/review/applications/{applicationId}/claim': async () => {
    const a = await fx.application('submitted');
    return { path: `/api/review/applications/${a.id}/claim`, owner: a.applicant };
  },
  'GET /api/review/applications/{applicationId}/officers': async () => ({
    path: `/api/review/applications/${shared.inReview.id}/officers`,
    owner: shared.inReview.applicant,
  }),
  'POST /api/review/applications/{applicationId}/handover': async () =>
    review('handover', { toOfficerUserId: await fx.userIdOf(HANDOVER_TARGET) })(),
  'POST /api/review/applications/{applicationId}/return': review('return', {
    items: [{ target: 'other', note: '请补充现居住地证明' }],
  }),
  'POST /api/review/applications/{applicationId}/reject': review('reject', { reason: '材料与户籍信息不符' }),
  'POST /api/review/applications/{applicationId}/issue': review('issue'),
  'POST /api/review/certificates/{serial}/revoke': async () => {
    const c = await fx.certificate();
    return {
      path: `/api/review/certificates/${c.serial}/revoke`,
      body: { reason: '信息有误，撤销重办' },
      owner: c.applicant,
    };
  },
  'GET /api/me/topics': async () => ({ path: '/api/me/topics' }),
  'PUT /api/me/topics': async (caller) => {
    // Everyone puts back exactly what they have: the call changes nothing others rely on.
    const now = caller
      ? await json<{ topics: { code: string; subscribed: boolean }[] }>(
          await t.call('GET', '/api/me/topics', { as: caller }),
        )
      : { topics: [] };
    return {
      path: '/api/me/topics',
      body: { topics: now.topics.filter((x) => x.subscribed).map((x) => x.code) },
    };
  },
  'GET /api/campaigns/published': async () => ({ path: '/api/campaigns/published' }),
  'GET /api/campaigns/published/{campaignId}': async () => ({
    path: `/api/campaigns/published/${shared.sentCampaign.id}`,
  }),
  'POST /api/campaigns/{campaignId}/click': async () => ({
    path: `/api/campaigns/${shared.sentCampaign.id}/click`,
  }),
  'GET /api/campaigns': async () => ({ path: '/api/campaigns' }),
  'POST /api/campaigns': async () => ({
    path: '/api/campaigns',
    body: {
      title: `${SWEEP_TITLE} new`,
      topic: 'marriage_customs',
      audience: { villageIds: [await dongshan()], languages: [], statuses: [] },
    },
  }),
  'POST /api/campaigns/export': async () => ({ path: '/api/campaigns/export', body: { status: ['sent'] } }),
  'GET /api/campaigns/audience/count': async () => ({
    path: `/api/campaigns/audience/count?topic=marriage_customs&villageIds=${await dongshan()}`,
  }),
  'GET /api/campaigns/{campaignId}': async () => ({ path: `/api/campaigns/${shared.draftCampaign.id}` }),
  'PUT /api/campaigns/{campaignId}': async () =>
    campaign('draft', SEEDED.publicity, '', {
      title: `${SWEEP_TITLE} edited`,
      topic: 'marriage_customs',
      audience: { villageIds: [await dongshan()], languages: [], statuses: [] },
    })(),
  'PUT /api/campaigns/{campaignId}/variants/{language}': campaign(
    'draft',
    SEEDED.publicity,
    '/variants/zh-TW',
    {
      text: '<b>婚育新風進萬家</b>',
      button: null,
    },
  ),
  'DELETE /api/campaigns/{campaignId}/variants/{language}': campaign(
    'draft',
    SEEDED.publicity,
    '/variants/zh-CN',
  ),
  'POST /api/campaigns/{campaignId}/variants/{language}/image': async () => ({
    ...(await campaign('draft', SEEDED.publicity, '/variants/zh-CN/image')()),
    body: form('poster.png', pngWithText()),
  }),
  'DELETE /api/campaigns/{campaignId}/variants/{language}/image': campaign(
    'draft',
    SEEDED.publicity,
    '/variants/zh-CN/image',
  ),
  'GET /api/campaigns/{campaignId}/variants/{language}/image': async () => ({
    path: `/api/campaigns/${shared.draftCampaign.id}/variants/zh-CN/image`,
  }),
  'POST /api/campaigns/{campaignId}/submit': campaign('draft', SEEDED.publicity, '/submit'),
  'POST /api/campaigns/{campaignId}/approve': campaign('submitted', AUTHOR_2, '/approve'),
  'POST /api/campaigns/{campaignId}/return': campaign('submitted', AUTHOR_2, '/return', {
    note: '请改一下标题',
  }),
  'POST /api/campaigns/{campaignId}/schedule': async () =>
    campaign('approved', AUTHOR_2, '/schedule', {
      at: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    })(),
  'POST /api/campaigns/{campaignId}/cancel': campaign('draft', SEEDED.publicity, '/cancel'),
  'POST /api/campaigns/{campaignId}/test': async () => ({
    path: `/api/campaigns/${shared.draftCampaign.id}/test`,
    body: { language: 'zh-CN' },
  }),
  'GET /api/campaigns/{campaignId}/progress': async () => ({
    path: `/api/campaigns/${shared.sentCampaign.id}/progress`,
  }),
  'GET /api/campaigns/{campaignId}/stats': async () => ({
    path: `/api/campaigns/${shared.sentCampaign.id}/stats`,
  }),
  'POST /api/campaigns/{campaignId}/resend-failed': campaign('sent', SEEDED.publicity, '/resend-failed'),
  'GET /api/desk/session': async () => ({ path: '/api/desk/session' }),
  'POST /api/desk/sign-out': async () => ({ path: '/api/desk/sign-out' }),
  'GET /api/service-file': async () => ({ path: '/api/service-file' }),
  'POST /api/service-file/departure': async (caller) => {
    // A seeded person registering as leaving is put back as they were: other files rely on them.
    const userId = caller ? await fx.userIdOf(caller) : null;
    const [prior] = userId
      ? await db.select({ status: users.populationStatus }).from(users).where(eq(users.id, userId))
      : [];
    return {
      path: '/api/service-file/departure',
      after: async (_res, role) => {
        if (!userId || role === 'applicant') return;
        const [file] = await db
          .select({ id: serviceFiles.id })
          .from(serviceFiles)
          .where(eq(serviceFiles.userId, userId));
        if (file) {
          await db.delete(serviceSubmissions).where(eq(serviceSubmissions.userId, userId));
          await db.delete(serviceFiles).where(eq(serviceFiles.id, file.id));
        }
        await db.update(users).set({ populationStatus: prior!.status }).where(eq(users.id, userId));
      },
    };
  },
  'POST /api/service-file/moved-back': ownFile('/api/service-file/moved-back'),
  'POST /api/service-file/items/{kind}/upload': async () => ({
    ...(await ownFile('/api/service-file/items/residence_proof/upload')()),
    body: form('proof.png', pngWithText(), { label: '居住证' }),
  }),
  'POST /api/service-file/agreement/acknowledge': ownFile('/api/service-file/agreement/acknowledge', {
    version: 1,
  }),
  'POST /api/service-file/contact': ownFile('/api/service-file/contact', { phone: '13800138000' }),
  'POST /api/service-file/health-consent': async () => ({
    path: '/api/service-file/health-consent',
    body: { version: 1 },
  }),
  'DELETE /api/service-file/health-consent': async () => ({ path: '/api/service-file/health-consent' }),
  'POST /api/service-file/livelihood': ownFile('/api/service-file/livelihood', {
    topic: 'job',
    question: '有没有本地招工信息？',
  }),
  'GET /api/service-file/submissions/{submissionId}/file': async () => {
    const i = await serviceItem('residence_proof', 'submitted');
    return { path: `/api/service-file/submissions/${i.submissionId}/file`, owner: i.person };
  },
  'POST /api/service-file/receipts/verify': async () => ({
    path: '/api/service-file/receipts/verify',
    body: { receipt: 'HYBY1|k|x' },
  }),
  'GET /api/review/service-file/queue': async () => ({ path: '/api/review/service-file/queue' }),
  'GET /api/review/service-file/items/{itemId}': async () => {
    const i = await serviceItem('residence_proof', 'submitted');
    return { path: `/api/review/service-file/items/${i.itemId}`, owner: i.person };
  },
  'POST /api/review/service-file/items/{itemId}/claim': async () => {
    const i = await serviceItem('residence_proof', 'submitted');
    return { path: `/api/review/service-file/items/${i.itemId}/claim`, owner: i.person };
  },
  'POST /api/review/service-file/items/{itemId}/verify': sfReview('verify'),
  'POST /api/review/service-file/items/{itemId}/record': async () => {
    const i = await serviceItem('training', 'open');
    return { path: `/api/review/service-file/items/${i.itemId}/record`, owner: i.person };
  },
  'GET /api/review/service-file/items/{itemId}/officers': async () => {
    const i = await serviceItem('residence_proof', 'submitted');
    return { path: `/api/review/service-file/items/${i.itemId}/officers`, owner: i.person };
  },
  'POST /api/review/service-file/items/{itemId}/handover': async () =>
    sfReview('handover', { toOfficerUserId: await fx.userIdOf(HANDOVER_TARGET) })(),
  'POST /api/review/service-file/items/{itemId}/return': sfReview('return', {
    items: [{ target: 'file', note: '照片看不清，请重新拍摄' }],
  }),
  'GET /api/review/service-file/submissions/{submissionId}/file': async () => {
    const i = await serviceItem('residence_proof', 'submitted');
    return { path: `/api/review/service-file/submissions/${i.submissionId}/file`, owner: i.person };
  },
  'GET /api/review/service-file/people/{userId}': async () => {
    const i = await serviceItem('residence_proof', 'open');
    return { path: `/api/review/service-file/people/${i.person.userId}`, owner: i.person };
  },
  'POST /api/review/service-file/people/search': async () => ({
    path: '/api/review/service-file/people/search',
    body: { q: '李娜' },
  }),
  'GET /api/review/service-file/completeness': async () => ({
    path: '/api/review/service-file/completeness',
  }),
  'POST /api/review/service-file/completeness/refresh': async () => ({
    path: '/api/review/service-file/completeness/refresh',
  }),
  'GET /api/review/service-file/completeness.csv': async () => ({
    path: '/api/review/service-file/completeness.csv',
  }),
  'GET /api/review/service-file/livelihood': async () => ({ path: '/api/review/service-file/livelihood' }),
  'POST /api/review/service-file/livelihood/{requestId}/answer': async () => {
    const i = await serviceItem('residence_proof', 'open');
    const res = await t.call('POST', '/api/service-file/livelihood', {
      as: i.person.telegramId,
      body: { topic: 'legal_aid', question: '工资被拖欠怎么办？' },
    });
    const { id } = await json<{ id: string }>(res);
    return {
      path: `/api/review/service-file/livelihood/${id}/answer`,
      body: { answer: '可拨打12348法律援助热线。' },
      owner: i.person,
    };
  },
  'GET /api/review/service-file/agreement': async () => ({ path: '/api/review/service-file/agreement' }),
  'PUT /api/review/service-file/agreement': async () => ({
    path: '/api/review/service-file/agreement',
    body: {
      texts: {
        'zh-CN': '服务协议：镇人口服务办公室为外出务工人员提供免费服务。',
        'zh-TW': '服務協議：鎮人口服務辦公室為外出務工人員提供免費服務。',
        en: 'Service agreement: the township office provides free services to people working away.',
      },
    },
  }),
  'GET /api/guide': async () => ({ path: '/api/guide' }),
  'GET /api/guide/{slug}': async () => ({ path: `/api/guide/${shared.guideSlug}` }),
  'PUT /api/guide/{slug}': async () => {
    const slug = `sweep-${crypto.randomUUID().slice(0, 8)}`;
    fx.trackSlug(slug);
    return {
      path: `/api/guide/${slug}`,
      body: { sort: 9999, content: { 'zh-CN': { title: '测试', body: '测试' } } },
    };
  },
  'DELETE /api/guide/{slug}': async () => ({ path: `/api/guide/${await fx.guidePage()}` }),
  'GET /api/public/tips/categories': async () => ({ path: '/api/public/tips/categories' }),
  'POST /api/public/tips': async () => ({ path: '/api/public/tips', body: aTip() }),
  'POST /api/public/tips/lookup': async () => ({
    path: '/api/public/tips/lookup',
    body: { receipt: shared.tip.receipt },
  }),
  'POST /api/public/tips/messages': async () => ({
    path: '/api/public/tips/messages',
    body: { receipt: shared.tip.receipt, text: '补充：诊所晚上八点后营业。' },
  }),
  'POST /api/public/tips/attachments': async () => ({
    path: '/api/public/tips/attachments',
    body: form('photo.jpg', jpegWithGps(), { receipt: shared.tip.receipt }),
  }),
  'POST /api/public/tips/reward/claim': async () => {
    const r = await approvedReward(t);
    return { path: '/api/public/tips/reward/claim', body: { method: 'in_person', receipt: r.tip.receipt } };
  },
  'POST /api/public/tips/receipt/verify': async () => ({
    path: '/api/public/tips/receipt/verify',
    body: { signedReceipt: shared.tip.signedReceipt },
  }),
  'POST /api/tips': async () => ({ path: '/api/tips', body: { tip: aTip(), notify: false } }),
  'PUT /api/tips/notifications': async () => ({
    path: '/api/tips/notifications',
    body: { receipt: shared.tip.receipt, enabled: false },
  }),
  'POST /api/tips/notifications/state': async () => ({
    path: '/api/tips/notifications/state',
    body: { receipt: shared.tip.receipt },
  }),
  'GET /api/tips/queue': async () => ({ path: '/api/tips/queue' }),
  'GET /api/tips/charts': async () => ({ path: '/api/tips/charts' }),
  'GET /api/tips/{tipId}': async () => ({ path: `/api/tips/${shared.tip.id}` }),
  'POST /api/tips/{tipId}/actions': async () => {
    const tip = await submitWebTip(t);
    return { path: `/api/tips/${tip.id}/actions`, body: { action: 'acknowledge', note: '已收到' } };
  },
  'GET /api/tips/{tipId}/officers': async () => ({ path: `/api/tips/${shared.tip.id}/officers` }),
  'POST /api/tips/{tipId}/handover': async () => {
    const tip = await tipIn(t, 'acknowledged');
    return { path: `/api/tips/${tip.id}/handover`, body: { toOfficerUserId: crypto.randomUUID() } };
  },
  'POST /api/tips/{tipId}/link': async () => {
    const tip = await submitWebTip(t);
    return { path: `/api/tips/${tip.id}/link`, body: { number: shared.tip.number } };
  },
  'POST /api/tips/{tipId}/messages': async () => {
    const tip = await submitWebTip(t);
    return {
      path: `/api/tips/${tip.id}/messages`,
      body: { text: '请补充诊所的具体位置。', internal: false },
    };
  },
  'GET /api/tips/{tipId}/attachments/{attachmentId}': async () => ({
    path: `/api/tips/${shared.tip.id}/attachments/${shared.tipAttachmentId}`,
  }),
  'POST /api/tips/{tipId}/reward': async () => {
    const tip = await tipIn(t, 'substantiated', { category: 'abortion_drug_sales' });
    return { path: `/api/tips/${tip.id}/reward`, body: { amountYuan: 1000 } };
  },
  'GET /api/rewards': async () => ({ path: '/api/rewards' }),
  'POST /api/rewards/{rewardId}/approve': async () => {
    const r = await proposedReward(t);
    return { path: `/api/rewards/${r.reward.id}/approve` };
  },
  'POST /api/rewards/{rewardId}/decline': async () => {
    const r = await proposedReward(t);
    return { path: `/api/rewards/${r.reward.id}/decline`, body: { reason: '证据不足以支持奖励' } };
  },
  'POST /api/rewards/claim-in-person': async () => {
    const r = await approvedReward(t);
    return { path: '/api/rewards/claim-in-person', body: { receipt: r.tip.receipt } };
  },
  'GET /api/rewards/{rewardId}/bank-details': async () => {
    const r = await bankClaimedReward(t);
    return { path: `/api/rewards/${r.reward.id}/bank-details` };
  },
  'POST /api/rewards/{rewardId}/paid': async () => {
    const r = await bankClaimedReward(t);
    return { path: `/api/rewards/${r.reward.id}/paid`, body: { reference: 'TR-2026-0001' } };
  },
  'PUT /api/reward-tiers/{category}': async () => ({
    path: '/api/reward-tiers/misconduct',
    body: { minYuan: 0, maxYuan: 0 },
  }),
  'GET /api/admin/villages': async () => ({ path: '/api/admin/villages' }),
  'POST /api/admin/villages': async () => ({
    path: '/api/admin/villages',
    body: { name: '扫描村', code: `sweep-${crypto.randomUUID().slice(0, 8)}` },
    after: async (res) => {
      if (res.ok) await fx.removeVillage((await json<{ id: number }>(res)).id);
    },
  }),
  'PATCH /api/admin/villages/{villageId}': async () => {
    const id = await fx.village();
    return {
      path: `/api/admin/villages/${id}`,
      body: { name: '扫描新村' },
      after: () => fx.removeVillage(id),
    };
  },
  'GET /api/admin/officers': async () => ({ path: '/api/admin/officers' }),
  'POST /api/admin/officers/invites': async () => ({
    path: '/api/admin/officers/invites',
    body: { roles: ['reviewer'], villageIds: [await dongshan()], label: 'sweep' },
  }),
  'DELETE /api/admin/officers/invites/{inviteId}': async () => ({
    path: `/api/admin/officers/invites/${await fx.invite(await fx.userIdOf(SEEDED.admin))}`,
  }),
  'PUT /api/admin/officers/{userId}': async () => {
    const officer = await fx.officer('reviewer', [await dongshan()]);
    return { path: `/api/admin/officers/${officer.userId}`, body: { roles: ['reviewer'], villageIds: null } };
  },
  'GET /api/admin/settings': async () => ({ path: '/api/admin/settings' }),
  'PUT /api/admin/settings': async () => ({ path: '/api/admin/settings', body: {} }),
  'GET /api/admin/audit': async () => ({ path: '/api/admin/audit?limit=5' }),
  'GET /api/admin/audit/export': async () => ({
    path: `/api/admin/audit/export?action=village.create&from=2026-11-27&to=2026-11-27`,
  }),
};

/** allowed: the action went through or failed on the request/state; denied: 401, 403, 404. */
function outcome(status: number): 'allow' | 'deny' | 'error' {
  if (status === 401 || status === 403 || status === 404) return 'deny';
  if (status < 300 || [400, 409, 413, 415, 422].includes(status)) return 'allow';
  return 'error';
}

const doc = createApp().getOpenAPIDocument({ openapi: '3.0.3', info: { title: 'sweep', version: '1' } });
const OPERATIONS = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
);
const cells = { total: 0, violations: [] as string[], allowedNot2xx: [] as string[] };

beforeAll(async () => {
  // Every role calls every route from one address: the throttle is tested in rate-limits.test.ts.
  t = await createTestApp({ clock, env: UNTHROTTLED_ENV });
  fx = sweepFixtures(t, db);
  shared = {
    plain: await fx.person(),
    inReview: await fx.application('in_review'),
    certificate: await fx.certificate(),
    draftCampaign: await fx.campaign('draft', SEEDED.publicity),
    sentCampaign: await fx.campaign('sent', SEEDED.publicity),
    guideSlug: await fx.guidePage(),
    tip: await submitWebTip(t),
    tipAttachmentId: '',
  };
  const attached = await t.call('POST', '/api/public/tips/attachments', {
    body: form('photo.jpg', jpegWithGps(), { receipt: shared.tip.receipt }),
  });
  shared.tipAttachmentId = ((await attached.json()) as { id: string }).id;
});

afterAll(async () => {
  console.log(
    `authorization sweep: ${OPERATIONS.length} operations × ${ACCESS_ROLES.length} roles = ${cells.total} cells, ${cells.violations.length} violations; allowed but not 2xx: ${cells.allowedNot2xx.length ? cells.allowedNot2xx.join('; ') : 'none'}`,
  );
  await fx?.cleanup();
});

describe('the authorization sweep', () => {
  it('has a row in the access table for every operation, and an operation for every row', () => {
    expect(OPERATIONS.filter((op) => !ACCESS_TABLE[op])).toEqual([]);
    expect(Object.keys(ACCESS_TABLE).filter((op) => !OPERATIONS.includes(op))).toEqual([]);
    expect(OPERATIONS.filter((op) => !BUILD[op])).toEqual([]);
  });

  for (const op of OPERATIONS) {
    it(`answers ${op} to every role as the access table says`, async () => {
      const row = ACCESS_TABLE[op];
      const build = BUILD[op];
      expect(row && build, `no access-table row or request for ${op}`).toBeTruthy();
      const [method] = op.split(' ');
      const violations: string[] = [];
      for (const role of ACCESS_ROLES) {
        const plain = role === 'applicant' ? shared.plain.telegramId : undefined;
        const seeded = role === 'anonymous' || role === 'applicant' ? undefined : SEEDED[role];
        const call = await build!(seeded ?? plain);
        const as = role === 'applicant' ? (call.owner ?? shared.plain).telegramId : seeded;
        const res = await t.call(method!, call.path, { as, body: call.body });
        await call.after?.(res, role);
        const expected = row!.allow.includes(role) ? 'allow' : 'deny';
        const got = outcome(res.status);
        cells.total += 1;
        if (got === 'allow' && res.status >= 300) cells.allowedNot2xx.push(`${op} as ${role}: ${res.status}`);
        if (got !== expected) {
          const code = res.ok
            ? ''
            : ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
          violations.push(`${op} as ${role}: expected ${expected}, got ${res.status} ${code ?? ''}`.trim());
        }
      }
      cells.violations.push(...violations);
      expect(violations).toEqual([]);
    }, 60_000);
  }
});
