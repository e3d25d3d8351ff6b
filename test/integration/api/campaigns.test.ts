// Campaigns through the HTTP API on real Postgres: the approval workflow and who may do what —
// four eyes (never the author), scope, and that officers of other roles can neither compose nor send.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { auditLog, campaignEvents, officerRoles, users, villages } from '../../../db/schema';
import {
  ADMIN,
  approvedCampaign,
  json,
  newRecipients,
  newVillage,
  PUBLICITY,
  PUBLICITY_2,
  RESIDENT,
  REVIEWER,
} from '../../fixtures/campaigns';
import { jpegWithGps, smallPdf } from '../../fixtures/certificates';
import { mpoWithGpsInSecondFrame, truncatedJpeg } from '../../fixtures/uploads';
import { createTestApp, type ErrorBody, type TestApp } from '../../harness/app';
import { queueSimulator } from '../../harness/broadcast';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const broadcast = queueSimulator();
let t: TestApp;
let villageId: number;

beforeAll(async () => {
  t = await createTestApp({ env: { BROADCAST: broadcast } });
  villageId = (await newVillage(db)).id;
  await newRecipients(db, villageId, 3);
});

async function draft(as = PUBLICITY, audience: object = { villageIds: [villageId] }) {
  const res = await t.call('POST', '/api/campaigns', {
    as,
    body: { title: '关爱女孩行动', topic: 'care_for_girls', audience },
  });
  return { res, id: res.status === 201 ? (await json<{ id: string }>(res)).id : '' };
}

async function code(res: Response) {
  return (await json<ErrorBody>(res)).error.code;
}

describe('the approval workflow', () => {
  it('goes draft → submitted → approved by another officer → sending, with the history and audit entries', async () => {
    const { id } = await draft();
    expect(
      (
        await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, {
          as: PUBLICITY,
          body: {
            text: '<b>关爱女孩</b>，从我做起。',
            button: { text: '了解更多', kind: 'mini_app', target: 'guide' },
          },
        })
      ).status,
    ).toBe(204);
    expect((await t.call('POST', `/api/campaigns/${id}/submit`, { as: PUBLICITY })).status).toBe(200);
    // The approver is told (notification job in their language).
    const approvers = t.jobs.sent.filter(
      (j) => j.type === 'notify-user' && j.messageKey === 'campaigns:notify.awaitingApproval',
    );
    expect(approvers.length).toBeGreaterThanOrEqual(2); // the other publicity officer and the admin

    const approved = await t.call('POST', `/api/campaigns/${id}/approve`, { as: PUBLICITY_2 });
    expect(await json(approved)).toEqual({ status: 'approved' });
    const view = await json<{
      status: string;
      approvedBy: { displayName: string };
      can: Record<string, boolean>;
    }>(await t.call('GET', `/api/campaigns/${id}`, { as: PUBLICITY }));
    expect(view).toMatchObject({ status: 'approved', approvedBy: { displayName: 'Grace Publicity' } });
    expect(view.can).toMatchObject({ schedule: true, edit: false, approve: false });

    const sent = await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} });
    expect(await json(sent)).toEqual({ status: 'sending' });
    expect(broadcast.sent).toContainEqual({ type: 'campaign-materialize', campaignId: id });

    const history = await db.select().from(campaignEvents).where(eq(campaignEvents.campaignId, id));
    expect(history.map((h) => h.type)).toEqual(['created', 'submitted', 'approved', 'scheduled', 'started']);
    const audits = await db.select().from(auditLog).where(eq(auditLog.recordId, id));
    expect(audits.map((a) => a.action)).toEqual(['campaign.approve']);
  });

  it('schedules for later, and the cron starts it when the time has come', async () => {
    const id = await approvedCampaign(t, { villageIds: [villageId] });
    const at = new Date(Date.now() + 3600_000).toISOString();
    const res = await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: { at } });
    expect(await json(res)).toEqual({ status: 'scheduled' });
    const { startDueCampaigns } = await import('../../../core/campaigns/start-due-campaigns');
    const services = t.services();
    await startDueCampaigns({ deps: services.deps });
    expect(
      (await json<{ status: string }>(await t.call('GET', `/api/campaigns/${id}`, { as: PUBLICITY }))).status,
    ).toBe('scheduled');
    await startDueCampaigns({
      deps: { ...services.deps, clock: { now: () => new Date(Date.now() + 3601_000) } },
    });
    expect(
      (await json<{ status: string }>(await t.call('GET', `/api/campaigns/${id}`, { as: PUBLICITY }))).status,
    ).toBe('sending');
  });

  it('lets an approver return a campaign with a note and the author change it again', async () => {
    const { id } = await draft();
    await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, { as: PUBLICITY, body: { text: '初稿' } });
    await t.call('POST', `/api/campaigns/${id}/submit`, { as: PUBLICITY });
    const returned = await t.call('POST', `/api/campaigns/${id}/return`, {
      as: ADMIN,
      body: { note: '请补充预约电话' },
    });
    expect(await json(returned)).toEqual({ status: 'draft' });
    expect(
      (
        await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, {
          as: PUBLICITY,
          body: { text: '初稿，预约电话 12345' },
        })
      ).status,
    ).toBe(204);
  });

  it('reports everything missing at once on submit: the Simplified Chinese text', async () => {
    const { id } = await draft();
    await t.call('PUT', `/api/campaigns/${id}/variants/en`, {
      as: PUBLICITY,
      body: { text: 'English only' },
    });
    const res = await t.call('POST', `/api/campaigns/${id}/submit`, { as: PUBLICITY });
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.error.fields).toEqual([
      { path: 'variants.zh-CN', message: translator('zh-CN', 'campaigns')('validation.zhCnRequired') },
    ]);
  });

  it('refuses Telegram HTML that Telegram would refuse, with the reason in the officer’s language', async () => {
    const { id } = await draft();
    for (const text of ['<b>不闭合', '<div>不支持</div>', '<span>剧透</span>', 'a < b']) {
      const res = await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, {
        as: PUBLICITY,
        body: { text },
      });
      expect(res.status, text).toBe(400);
      expect((await json<ErrorBody>(res)).error.fields?.[0]?.path).toBe('text');
    }
    const ok = await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, {
      as: PUBLICITY,
      body: {
        text: '<b>粗体</b> <i>斜体</i> <a href="https://example.org">链接</a> 1 &lt; 2 <tg-spoiler>剧透</tg-spoiler>',
      },
    });
    expect(ok.status).toBe(204);
    const badButton = await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, {
      as: PUBLICITY,
      body: { text: '好', button: { text: '打开', kind: 'url', target: 'javascript:alert(1)' } },
    });
    expect(badButton.status).toBe(400);
  });

  it('takes a JPEG or PNG image per language, and refuses anything else', async () => {
    const { id } = await draft();
    await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, { as: PUBLICITY, body: { text: '带图片' } });
    const upload = (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
      return t.call('POST', `/api/campaigns/${id}/variants/zh-CN/image`, { as: PUBLICITY, body: form });
    };
    expect((await upload(smallPdf(), 'poster.pdf')).status).toBe(415);
    expect((await upload(jpegWithGps(), 'poster.jpg')).status).toBe(201);
    const view = await json<{ variants: { hasImage: boolean }[] }>(
      await t.call('GET', `/api/campaigns/${id}`, { as: PUBLICITY }),
    );
    expect(view.variants[0]?.hasImage).toBe(true);
    const image = await t.call('GET', `/api/campaigns/${id}/variants/zh-CN/image`, { as: PUBLICITY });
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('content-disposition')).toBe('attachment');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer()).includes('GPSMARKER')).toBe(false);
    // A multi-picture file keeps only its first picture; a broken one is refused.
    expect((await upload(mpoWithGpsInSecondFrame(), 'poster.jpg')).status).toBe(201);
    expect((await upload(truncatedJpeg(), 'poster.jpg')).status).toBe(400);
    // Not published yet: residents cannot see it.
    expect((await t.call('GET', `/api/campaigns/${id}/variants/zh-CN/image`, { as: RESIDENT })).status).toBe(
      404,
    );
  });
});

describe('who may do what', () => {
  it('never lets the author approve their own campaign', async () => {
    const { id } = await draft();
    await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, { as: PUBLICITY, body: { text: '内容' } });
    await t.call('POST', `/api/campaigns/${id}/submit`, { as: PUBLICITY });
    const res = await t.call('POST', `/api/campaigns/${id}/approve`, { as: PUBLICITY });
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('own_campaign');
  });

  it('does not let an admin approve a campaign the admin wrote either', async () => {
    // An admin who is also a publicity officer writes a campaign… (a person of their own: the seeded
    // admin's roles stay as other test files expect them, even while this test runs or if it fails)
    const adminId = 870_000_000 + Math.floor(Math.random() * 1_000_000);
    await t.call('GET', '/api/me', { as: adminId });
    const [admin] = await db.select().from(users).where(eq(users.telegramId, adminId));
    const [grant] = await db.select().from(officerRoles).limit(1);
    await db.insert(officerRoles).values(
      (['admin', 'publicity'] as const).map((role) => ({
        userId: admin!.id,
        townshipId: grant!.townshipId,
        role,
        villageIds: null,
      })),
    );
    const { id } = await draft(adminId);
    await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, { as: adminId, body: { text: '内容' } });
    await t.call('POST', `/api/campaigns/${id}/submit`, { as: adminId });
    expect(await code(await t.call('POST', `/api/campaigns/${id}/approve`, { as: adminId }))).toBe(
      'own_campaign',
    );
  });

  it('refuses reviewers and residents: they can neither compose, approve, count nor send', async () => {
    const id = await approvedCampaign(t, { villageIds: [villageId] });
    for (const who of [REVIEWER, RESIDENT]) {
      expect((await draft(who)).res.status).toBe(403);
      expect((await t.call('POST', `/api/campaigns/${id}/schedule`, { as: who, body: {} })).status).toBe(403);
      expect((await t.call('POST', `/api/campaigns/${id}/approve`, { as: who })).status).toBe(403);
      expect((await t.call('POST', `/api/campaigns/${id}/cancel`, { as: who })).status).toBe(403);
      expect((await t.call('GET', `/api/campaigns/${id}/progress`, { as: who })).status).toBe(403);
      expect(
        (
          await t.call('GET', `/api/campaigns/audience/count?topic=care_for_girls&villageIds=${villageId}`, {
            as: who,
          })
        ).status,
      ).toBe(403);
    }
    // An admin approves and cancels but does not send: sending is the publicity office's job.
    expect((await t.call('POST', `/api/campaigns/${id}/schedule`, { as: ADMIN, body: {} })).status).toBe(403);
  });

  it('keeps a village publicity officer to their villages', async () => {
    const [east] = await db.select().from(villages).where(eq(villages.code, 'dongshan'));
    const [west] = await db.select().from(villages).where(eq(villages.code, 'xishan'));
    const officerId = 880_000_000 + Math.floor(Math.random() * 1_000_000);
    await t.call('GET', '/api/me', { as: officerId });
    const [officer] = await db.select().from(users).where(eq(users.telegramId, officerId));
    const [grant] = await db.select().from(officerRoles).limit(1);
    await db.insert(officerRoles).values({
      userId: officer!.id,
      townshipId: grant!.townshipId,
      role: 'publicity',
      villageIds: [east!.id],
    });

    expect((await draft(officerId, { villageIds: [east!.id] })).res.status).toBe(201);
    expect(await code((await draft(officerId, { villageIds: [east!.id, west!.id] })).res)).toBe(
      'out_of_scope',
    );
    expect(await code((await draft(officerId, { villageIds: [] })).res)).toBe('out_of_scope');
    // A township-wide campaign is not theirs to see.
    const { id } = await draft(PUBLICITY, { villageIds: [] });
    expect(await code(await t.call('GET', `/api/campaigns/${id}`, { as: officerId }))).toBe('out_of_scope');
    const list = await json<{ items: { id: string }[] }>(
      await t.call('GET', '/api/campaigns', { as: officerId }),
    );
    expect(list.items.map((i) => i.id)).not.toContain(id);
  });

  it('lets only the author change a draft', async () => {
    const { id } = await draft();
    const res = await t.call('PUT', `/api/campaigns/${id}/variants/zh-CN`, {
      as: PUBLICITY_2,
      body: { text: '改' },
    });
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('not_author');
  });

  it('cannot approve twice, nor send what is not approved', async () => {
    const { id } = await draft();
    expect(
      await code(await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} })),
    ).toBe('invalid_transition');
    const approved = await approvedCampaign(t, { villageIds: [villageId] });
    expect(await code(await t.call('POST', `/api/campaigns/${approved}/approve`, { as: ADMIN }))).toBe(
      'invalid_transition',
    );
  });
});

describe('the live audience count', () => {
  it('counts the people an audience reaches, per language', async () => {
    const v = (await newVillage(db)).id;
    await newRecipients(db, v, 5, (i) => ({ language: i < 2 ? 'en' : 'zh-CN' }));
    const res = await t.call('GET', `/api/campaigns/audience/count?topic=women_health&villageIds=${v}`, {
      as: PUBLICITY,
    });
    expect(await json(res)).toEqual({ total: 5, byLanguage: { 'zh-CN': 3, 'zh-TW': 0, en: 2 } });
    const en = await t.call(
      'GET',
      `/api/campaigns/audience/count?topic=women_health&villageIds=${v}&languages=en`,
      {
        as: PUBLICITY,
      },
    );
    expect((await json<{ total: number }>(en)).total).toBe(2);
  });
});
