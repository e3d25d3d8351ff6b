// Campaign subscriptions and the service guide in chat, through the real webhook and the sandbox:
// /topics (toggle with ✓), /stop, /guide (with past campaigns to read again), and the welcome that
// points to both.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { campaigns, subscriptions, users } from '../../../db/schema';
import { approvedCampaign, newVillage, nextTelegramId } from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
let t: TestApp;
let bot: ReturnType<typeof botDriver>;
const TOPIC_COUNT = 6;

beforeAll(async () => {
  t = await createTestApp();
  bot = botDriver(t);
});

function person(language_code = 'zh-hans') {
  return { id: nextTelegramId(), first_name: '居民', language_code };
}

async function topicsOf(telegramId: number) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  return (await db.select().from(subscriptions).where(eq(subscriptions.userId, u!.id)))
    .map((s) => s.topic)
    .sort();
}

describe('topics and /stop', () => {
  it('subscribes a new person to every topic and says so in the welcome, with /stop and /topics', async () => {
    const user = person('en');
    const [welcome] = await bot.send(user, '/start');
    expect(welcome?.text).toContain('/stop');
    expect(welcome?.text).toContain('/topics');
    expect(await topicsOf(user.id)).toHaveLength(TOPIC_COUNT);
  });

  it('shows the topics with ✓ and turns one off and on again', async () => {
    const user = person();
    await bot.send(user, '/start');
    const [menu] = await bot.send(user, '/topics');
    const t = translator('zh-CN', 'campaigns');
    expect(menu?.text).toBe(t('bot.topicsIntro'));
    expect(menu?.buttons).toHaveLength(TOPIC_COUNT);
    expect(menu?.buttons[0]?.text).toBe(`✓ ${t('topic.marriage_customs')}`);

    const off = await bot.press(user, menu!.message!, 'topic:marriage_customs');
    const edited = off.find((r) => r.method === 'editMessageText');
    expect(edited?.buttons[0]?.text).toBe(t('topic.marriage_customs'));
    expect(await topicsOf(user.id)).not.toContain('marriage_customs');

    const on = await bot.press(user, edited!.message!, 'topic:marriage_customs');
    expect(on.find((r) => r.method === 'editMessageText')?.buttons[0]?.text).toBe(
      `✓ ${t('topic.marriage_customs')}`,
    );
    expect(await topicsOf(user.id)).toContain('marriage_customs');
  });

  it('unsubscribes from everything with /stop and offers to choose topics again', async () => {
    const user = person('zh-TW');
    await bot.send(user, '/start');
    const [reply] = await bot.send(user, '/stop');
    const t = translator('zh-TW', 'campaigns');
    expect(reply?.text).toBe(t('bot.stopDone'));
    expect(await topicsOf(user.id)).toEqual([]);
    const menu = await bot.press(user, reply!.message!, reply!.buttons[0]!.data!);
    const shown = menu.find((r) => r.method === 'sendMessage');
    expect(shown?.text).toBe(`${t('bot.topicsIntro')}\n\n${t('bot.topicsNone')}`);
    expect(shown?.buttons.every((b) => !b.text.startsWith('✓'))).toBe(true);
  });

  it('lifts the "blocked the bot" mark when the person comes back with /start', async () => {
    const user = person();
    await bot.send(user, '/start');
    await db.update(users).set({ broadcastBlockedAt: new Date() }).where(eq(users.telegramId, user.id));
    await bot.send(user, '/start');
    const [u] = await db.select().from(users).where(eq(users.telegramId, user.id));
    expect(u?.broadcastBlockedAt).toBeNull();
  });
});

describe('/guide', () => {
  it('lists the guide pages in the person’s language and shows one, with buttons to the mini app', async () => {
    const user = person('en');
    const [list] = await bot.send(user, '/guide');
    const t = translator('en', 'campaigns');
    expect(list?.text).toBe(t('bot.guideIntro'));
    const page = list?.buttons.find((b) => b.data === 'guide:migrant-certificate');
    expect(page?.text).toBe('Migrant marriage-and-childbirth certificate');
    expect(list?.buttons.find((b) => b.webAppUrl)?.webAppUrl).toBe('https://township.example/app/guide');
    const shown = await bot.press(user, list!.message!, page!.data!);
    const text = shown.find((r) => r.method === 'sendMessage');
    expect(text?.params.parse_mode).toBe('HTML');
    expect(text?.text).toContain('3 working days');
    expect(text?.text).toContain('free of charge');
    expect(text?.buttons[0]?.webAppUrl).toBe('https://township.example/app/guide/migrant-certificate');
  });

  it('lists the past campaigns of the person’s topics after the guide, and shows one again in their language', async () => {
    const village = await newVillage(db);
    const user = person('en');
    await bot.send(user, `/start v_${village.code}`);
    const id = await approvedCampaign(t, { villageIds: [village.id], topic: 'birth_policy' });
    await db.update(campaigns).set({ status: 'sent', startedAt: new Date() }).where(eq(campaigns.id, id));
    const tr = translator('en', 'campaigns');

    const replies = await bot.send(user, '/guide');
    const past = replies.find((r) => r.text === tr('bot.pastIntro'));
    const button = past?.buttons.find((b) => b.data === `pc:${id}`);
    expect(button?.text).toBe('免费孕前优生健康检查开始预约');
    const shown = await bot.press(user, past!.message!, button!.data!);
    const text = shown.find((r) => r.method === 'sendMessage');
    expect(text?.params.parse_mode).toBe('HTML');
    expect(text?.text).toBe('<b>Free pre-pregnancy check-ups</b>: book now.');
    expect(text?.buttons[0]?.webAppUrl).toBe(`https://township.example/app/campaigns/${id}`);

    // Switched off the topic: the campaign is no longer listed.
    await bot.press(user, past!.message!, 'topic:birth_policy');
    const again = await bot.send(user, '/guide');
    expect(again.find((r) => r.text === tr('bot.pastIntro'))).toBeUndefined();
  });

  it('lists the commands in /help', async () => {
    const [help] = await bot.send(person(), '/help');
    expect(help?.text).toContain('/guide');
    expect(help?.text).toContain('/topics');
    expect(help?.text).toContain('/stop');
  });
});
