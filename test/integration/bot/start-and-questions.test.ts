// What a walkthrough of the bot hit, through the real webhook and the Telegram sandbox: /start lists
// the services and says "coming soon" for those not built yet; a poster's deep link asks before it
// moves someone to another village; a question in words is answered from the service guide, anything
// else gets the menu.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { isServiceAvailable, SERVICE_IDS } from '../../../core/service-availability';
import { users, villages } from '../../../db/schema';
import { nextTelegramId } from '../../fixtures/campaigns';
import { createTestApp, type TestApp } from '../../harness/app';
import { botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';

const db = useTestDb();
let t: TestApp;
let bot: ReturnType<typeof botDriver>;

beforeAll(async () => {
  t = await createTestApp();
  bot = botDriver(t);
});

function person(language_code = 'zh-hans') {
  return { id: nextTelegramId(), first_name: '居民', language_code };
}

async function villageOf(telegramId: number): Promise<string | null> {
  const [row] = await db
    .select({ code: villages.code })
    .from(users)
    .leftJoin(villages, eq(villages.id, users.villageId))
    .where(eq(users.telegramId, telegramId));
  return row?.code ?? null;
}

describe('/start and the services that are not built yet', () => {
  for (const [language, code] of [
    ['zh-CN', 'zh-hans'],
    ['zh-TW', 'zh-hant'],
    ['en', 'en'],
  ] as const) {
    it(`lists every service in ${language}, saying "coming soon" exactly for those whose switch is off`, async () => {
      const [welcome] = await bot.send(person(code), '/start');
      const bt = translator(language, 'bot');
      for (const id of SERVICE_IDS) {
        const service = bt(`services.${id}`);
        const available = bt('serviceLine', { service });
        const soon = bt('serviceComingSoon', { service });
        expect(welcome?.text).toContain(isServiceAvailable(id) ? available : soon);
        if (isServiceAvailable(id)) expect(welcome?.text).not.toContain(soon);
      }
      // The plain words a reader looks for, while any service is still to come.
      if (SERVICE_IDS.some((id) => !isServiceAvailable(id)))
        expect(welcome?.text).toContain(soonWord[language]);
    });
  }
});

/** The words a reader sees while the eight ones and tip-offs are not built. */
const soonWord = { 'zh-CN': '即将上线', 'zh-TW': '即將上線', en: 'coming soon' } as const;

describe('a village poster’s deep link', () => {
  it('sets the village of someone who has none, without asking', async () => {
    const user = person();
    const replies = await bot.send(user, '/start v_xishan');
    expect(replies[0]?.text).toBe(translator('zh-CN', 'bot')('villageSet', { village: '西山村' }));
    expect(replies.flatMap((r) => r.buttons).some((b) => b.data?.startsWith('village:'))).toBe(false);
    expect(await villageOf(user.id)).toBe('xishan');
  });

  it('asks someone from another village first, changes nothing until they answer, and moves them on "move"', async () => {
    const user = person();
    await bot.send(user, '/start v_dongshan');
    const replies = await bot.send(user, '/start v_nanhu');
    const bt = translator('zh-CN', 'bot');
    const names = { current: '东山村', village: '南湖社区' };
    const question = replies.at(-1)!;
    expect(question.text).toBe(bt('villageAsk', names));
    expect(question.buttons.map((b) => b.text)).toEqual([bt('villageMove', names), bt('villageKeep', names)]);
    expect(replies.some((r) => r.text === bt('villageSet', { village: '南湖社区' }))).toBe(false);
    expect(await villageOf(user.id)).toBe('dongshan');

    const answer = await bot.press(user, question.message!, question.buttons[0]!.data!);
    expect(answer.find((r) => r.method === 'editMessageText')?.text).toBe(
      bt('villageSet', { village: '南湖社区' }),
    );
    expect(await villageOf(user.id)).toBe('nanhu');
  });

  it('keeps the village on "keep", in the person’s language', async () => {
    const user = person('en');
    await bot.send(user, '/start v_dongshan');
    const question = (await bot.send(user, '/start v_xishan')).at(-1)!;
    const keep = question.buttons.find((b) => b.data === 'village:keep')!;
    const answer = await bot.press(user, question.message!, keep.data!);
    expect(answer.find((r) => r.method === 'editMessageText')?.text).toBe(
      translator('en', 'bot')('villageKept', { current: '东山村' }),
    );
    expect(await villageOf(user.id)).toBe('dongshan');
  });

  it('does not ask when the poster is of the person’s own village', async () => {
    const user = person();
    await bot.send(user, '/start v_dongshan');
    const replies = await bot.send(user, '/start v_dongshan');
    expect(replies[0]?.text).toBe(translator('zh-CN', 'bot')('villageSet', { village: '东山村' }));
    expect(replies.flatMap((r) => r.buttons).some((b) => b.data?.startsWith('village:'))).toBe(false);
  });
});

describe('questions in words', () => {
  it('answers "婚育证明要多久才能办好？" with the certificate page of the service guide', async () => {
    const user = person();
    const [answer] = await bot.send(user, '婚育证明要多久才能办好？');
    const bt = translator('zh-CN', 'bot');
    expect(answer?.text).toContain(bt('guideAnswer'));
    expect(answer?.text).toContain('流动人口婚育证明');
    expect(answer?.text).toContain('3 个工作日内办结');
    expect(answer?.buttons[0]?.webAppUrl).toMatch(/\/app\/guide\/migrant-certificate$/);
    expect(answer?.text).not.toContain(bt('unknownCommand'));
  });

  it('answers in the person’s language from that language’s page', async () => {
    const [answer] = await bot.send(person('en'), 'How long does the certificate take?');
    expect(answer?.text).toContain('Migrant marriage-and-childbirth certificate');
    expect(answer?.text).toContain('3 working days');
  });

  it('answers a question about the free check-up with that page', async () => {
    const [answer] = await bot.send(person('zh-hant'), '孕前檢查要錢嗎');
    expect(answer?.text).toContain('免費孕前優生健康檢查');
  });

  it('offers the menu — the main commands and the mini app button — when nothing matches', async () => {
    const [reply] = await bot.send(person(), '今天天气怎么样');
    const bt = translator('zh-CN', 'bot');
    expect(reply?.text).toBe(bt('unknownCommand'));
    for (const command of ['/guide', '/status', '/help']) expect(reply?.text).toContain(command);
    expect(reply?.buttons[0]).toMatchObject({ text: bt('openApp') });
    expect(reply?.buttons[0]?.webAppUrl).toMatch(/\/app\/$/);
  });

  it('does not read an unknown /command as a question', async () => {
    const [reply] = await bot.send(person(), '/certificate');
    expect(reply?.text).toBe(translator('zh-CN', 'bot')('unknownCommand'));
  });
});
