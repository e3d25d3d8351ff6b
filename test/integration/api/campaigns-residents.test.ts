// What residents see of campaigns through the API: their topics (the mini app's settings page), past
// campaigns in their language, the service guide (read by all, edited by publicity officers), and
// click tracking of campaign buttons (link redirect and mini app report).
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../../api/queue';
import { localGovernor } from '../../../core/campaigns/governor';
import { campaignClicks, users } from '../../../db/schema';
import {
  approvedCampaign,
  json,
  newVillage,
  nextTelegramId,
  PUBLICITY,
  REVIEWER,
} from '../../fixtures/campaigns';
import { createTestApp, type ErrorBody, type TestApp } from '../../harness/app';
import { queueSimulator } from '../../harness/broadcast';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
const broadcast = queueSimulator();
let t: TestApp;
let villageId: number;

beforeAll(async () => {
  t = await createTestApp({ governor: localGovernor({ ratePerSecond: 30 }), env: { BROADCAST: broadcast } });
  villageId = (await newVillage(db)).id;
});

async function resident(language: 'zh-CN' | 'en' = 'zh-CN', village = villageId) {
  const id = nextTelegramId();
  expect((await t.call('PATCH', '/api/me', { as: id, body: { villageId: village, language } })).status).toBe(
    200,
  );
  return id;
}

describe('topics in the mini app', () => {
  it('lists every topic as subscribed for a new person, and keeps exactly the chosen ones', async () => {
    const me = await resident();
    const initial = await json<{ topics: { code: string; subscribed: boolean }[] }>(
      await t.call('GET', '/api/me/topics', { as: me }),
    );
    expect(initial.topics).toHaveLength(6);
    expect(initial.topics.every((x) => x.subscribed)).toBe(true);
    const chosen = await json<{ topics: { code: string; subscribed: boolean }[] }>(
      await t.call('PUT', '/api/me/topics', { as: me, body: { topics: ['women_health', 'birth_policy'] } }),
    );
    expect(chosen.topics.filter((x) => x.subscribed).map((x) => x.code)).toEqual([
      'women_health',
      'birth_policy',
    ]);
    expect((await t.call('PUT', '/api/me/topics', { as: me, body: { topics: ['nope'] } })).status).toBe(400);
  });
});

describe('past campaigns and clicks', () => {
  it('shows sent campaigns of my topics in my language, and records both kinds of button clicks', async () => {
    const en = await resident('en');
    const zh = await resident('zh-CN');
    await t.call('PUT', '/api/me/topics', { as: zh, body: { topics: ['birth_policy'] } });
    const id = await approvedCampaign(t, {
      villageIds: [villageId],
      topic: 'women_health',
      variants: {
        'zh-CN': {
          text: '<b>两癌筛查</b>免费',
          button: { text: '预约', kind: 'url', target: 'https://example.org/book' },
        },
        en: {
          text: '<b>Screening</b> is free',
          button: { text: 'Book', kind: 'url', target: 'https://example.org/book' },
        },
      },
    });
    await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} });
    await broadcast.drain({ consume: (job) => runJob(job, t.services()) });

    const feed = await json<{ items: { id: string; title: string; preview: string; language: string }[] }>(
      await t.call('GET', '/api/campaigns/published', { as: en }),
    );
    expect(feed.items.find((i) => i.id === id)).toMatchObject({
      language: 'en',
      preview: 'Screening is free',
    });
    const zhFeed = await json<{ items: { id: string }[] }>(
      await t.call('GET', '/api/campaigns/published', { as: zh }),
    );
    expect(zhFeed.items.map((i) => i.id)).not.toContain(id); // not subscribed to that topic
    const one = await json<{ html: string }>(
      await t.call('GET', `/api/campaigns/published/${id}`, { as: en }),
    );
    expect(one.html).toBe('<b>Screening</b> is free');

    // The message's link button goes through /c/<token>, which records the click and redirects.
    const [sent] = t.sandbox.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === en);
    const button = (sent!.params.reply_markup as { inline_keyboard: { url: string }[][] })
      .inline_keyboard[0]![0]!;
    const path = new URL(button.url).pathname;
    expect(path).toMatch(/^\/c\/[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    const redirect = await t.call('GET', path);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://example.org/book');
    // Tampered: another last character (one time in 64 the token already ended in 'x').
    const tampered = `${path.slice(0, -1)}${path.endsWith('x') ? 'y' : 'x'}`;
    expect((await t.call('GET', tampered)).status).toBe(404);

    // Pressing it again still redirects but counts nothing more; a mini app report for a message
    // whose button was a link is not a press of that button.
    expect((await t.call('GET', path)).headers.get('location')).toBe('https://example.org/book');
    expect((await t.call('POST', `/api/campaigns/${id}/click`, { as: en })).status).toBe(204);
    const clicks = await db.select().from(campaignClicks).where(eq(campaignClicks.campaignId, id));
    const [enUser] = await db.select().from(users).where(eq(users.telegramId, en));
    expect(clicks.map((c) => [c.via, c.userId])).toEqual([['url', enUser!.id]]);
    const stats = await json<{ clicks: { total: number; people: number } }>(
      await t.call('GET', `/api/campaigns/${id}/stats`, { as: PUBLICITY }),
    );
    expect(stats.clicks).toMatchObject({ total: 1, people: 1 });
  });

  it('counts a mini app button once per recipient, and nothing from people it was not sent to', async () => {
    const recipient = await resident('zh-CN');
    const outsiders = [await resident('zh-CN', (await newVillage(db)).id), nextTelegramId(), REVIEWER];
    const button = { text: '查看', kind: 'mini_app', target: 'campaigns' };
    const withButton = await approvedCampaign(t, {
      villageIds: [villageId],
      variants: { 'zh-CN': { text: '<b>关爱女孩</b>', button } },
    });
    const withoutButton = await approvedCampaign(t, { villageIds: [villageId] });
    for (const id of [withButton, withoutButton]) {
      await t.call('POST', `/api/campaigns/${id}/schedule`, { as: PUBLICITY, body: {} });
    }
    await broadcast.drain({ consume: (job) => runJob(job, t.services()) });

    const report = async (id: string, as: number) => {
      const res = await t.call('POST', `/api/campaigns/${id}/click`, { as });
      expect(res.status).toBe(204); // the same answer whether it counted or not
    };
    for (let i = 0; i < 20; i++) {
      for (const as of [recipient, ...outsiders]) await report(withButton, as);
      await report(withoutButton, recipient);
    }
    await report('00000000-0000-4000-8000-000000000000', recipient);

    const counted = await db.select().from(campaignClicks).where(eq(campaignClicks.campaignId, withButton));
    const [me] = await db.select().from(users).where(eq(users.telegramId, recipient));
    expect(counted.map((c) => [c.via, c.userId])).toEqual([['mini_app', me!.id]]);
    expect(
      await db.select().from(campaignClicks).where(eq(campaignClicks.campaignId, withoutButton)),
    ).toEqual([]);
    const stats = await json<{ clicks: { total: number; people: number } }>(
      await t.call('GET', `/api/campaigns/${withButton}/stats`, { as: PUBLICITY }),
    );
    expect(stats.clicks).toMatchObject({ total: 1, people: 1 });
  });

  it('sends the officer a test message in the chosen language, not counted anywhere', async () => {
    const id = await approvedCampaign(t, { villageIds: [villageId] });
    const res = await t.call('POST', `/api/campaigns/${id}/test`, {
      as: PUBLICITY,
      body: { language: 'en' },
    });
    expect(await json(res)).toEqual({ sent: true, language: 'en' });
    const call = t.sandbox.calls.findLast(
      (c) => c.method === 'sendMessage' && c.params.chat_id === PUBLICITY,
    );
    expect(call?.params.text).toBe('<b>Free pre-pregnancy check-ups</b>: book now.');
    const progress = await json<{ delivered: number }>(
      await t.call('GET', `/api/campaigns/${id}/progress`, { as: PUBLICITY }),
    );
    expect(progress.delivered).toBe(0);
  });
});

describe('the service guide', () => {
  it('is read by everyone in their language and edited only by publicity officers and admins', async () => {
    const en = await resident('en');
    const list = await json<{ pages: { slug: string; title: string }[] }>(
      await t.call('GET', '/api/guide', { as: en }),
    );
    expect(list.pages.map((p) => p.slug)).toContain('migrant-certificate');
    const page = await json<{ title: string; body: string }>(
      await t.call('GET', '/api/guide/migrant-certificate', { as: en }),
    );
    expect(page.body).toContain('3 working days');
    const edit = { sort: 90, content: { 'zh-CN': { title: '测试页', body: '免费。' } } };
    const refused = await t.call('PUT', '/api/guide/test-page', { as: REVIEWER, body: edit });
    expect((await json<ErrorBody>(refused)).error.code).toBe('forbidden');
    expect((await t.call('PUT', '/api/guide/test-page', { as: PUBLICITY, body: edit })).status).toBe(200);
    // No English text yet: English readers get the Simplified Chinese one.
    expect(await json(await t.call('GET', '/api/guide/test-page', { as: en }))).toMatchObject({
      title: '测试页',
      language: 'zh-CN',
    });
    expect((await t.call('DELETE', '/api/guide/test-page', { as: PUBLICITY })).status).toBe(204);
  });
});
