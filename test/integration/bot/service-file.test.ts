// /file in chat, through the real webhook and the Telegram sandbox: the eight cards in one message,
// the health consent before the first check-up upload, the check-up form and its report sent as a
// photo, a reminder's button opening one item, contact, livelihood request, withdrawing the consent
// and "I have moved back".
import { beforeAll, describe, expect, it } from 'vitest';
import { localGovernor } from '../../../core/campaigns/governor';
import { translator } from '../../../core/i18n';
import { fixedClock } from '../../../core/runtime';
import { planReminders } from '../../../core/service-file/plan-reminders';
import { sendDueReminders } from '../../../core/service-file/send-due-reminders';
import { ITEM_KINDS } from '../../../core/service-file/service-file-schema';
import { nextTelegramId } from '../../fixtures/campaigns';
import { jpegWithGps } from '../../fixtures/certificates';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { type BotReply, botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';

useTestDb();
let t: TestApp;
let bot: ReturnType<typeof botDriver>;

beforeAll(async () => {
  t = await createTestApp({ env: UNTHROTTLED_ENV });
  bot = botDriver(t);
});

type Lang = 'zh-CN' | 'en';
const CODES: Record<Lang, string> = { 'zh-CN': 'zh-hans', en: 'en' };
const person = (lang: Lang) => ({ id: nextTelegramId(), first_name: 'Migrant', language_code: CODES[lang] });
const withButtons = (replies: BotReply[]) => [...replies].reverse().find((r) => r.buttons.length > 0);
/** A date some days back, Shanghai calendar, as the check-up form takes it. */
function daysAgo(n: number): string {
  return new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
}

async function openFile(user: ReturnType<typeof person>) {
  const [offer] = await bot.send(user, '/file');
  const replies = await bot.press(user, offer!.message!, 'sf:open:y');
  return { offer: offer!, file: withButtons(replies)! };
}

describe('the service file in chat', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows the eight cards with what to do, and takes a check-up report after the consent (${lang})`, async () => {
      const f = (k: string, p: Record<string, unknown> = {}) => translator(lang, 'bot')(`file.${k}`, p);
      const user = person(lang);
      const { offer, file } = await openFile(user);
      expect(offer.text).toBe(f('noFile'));
      expect(file.text).toContain(f('title', { met: 1, total: 8 }).slice(0, 6));
      for (const kind of ITEM_KINDS) expect(file.text).toContain(f(`kind.${kind}`));
      expect(file.text).toContain(f('todo.health_checkup'));
      expect(file.buttons.map((b) => b.text)).toEqual(
        expect.arrayContaining([
          f('button.health_checkup'),
          f('button.residence_proof'),
          f('button.movedBack'),
        ]),
      );

      // The consent comes first: purpose, who sees it, how long, how to withdraw.
      const [consent] = await bot.press(user, file.message!, 'sf:up:h').then((x) => x.filter((m) => m.text));
      expect(consent?.text).toBe(f('consentText', { version: 1 }));
      let replies = await bot.press(user, consent!.message!, 'sf:cs:y');
      expect(replies.map((m) => m.text)).toContain(f('consentGiven'));
      expect(replies.at(-1)?.text).toBe(f('askClinic', { max: 100 }));
      replies = await bot.send(user, lang === 'en' ? 'Shenzhen People’s Hospital' : '深圳市人民医院');
      expect(replies.at(-1)?.text).toBe(f('askCity', { max: 50 }));
      replies = await bot.send(user, lang === 'en' ? 'Shenzhen' : '深圳');
      expect(replies.at(-1)?.text).toBe(f('askDate'));
      replies = await bot.send(user, 'not a date');
      expect(replies.at(-1)?.text).toBe(f('dateInvalid'));
      replies = await bot.send(user, daysAgo(10));
      expect(replies.at(-1)?.text).toBe(f('askCheckupFile'));
      replies = await bot.sendPhoto(user, jpegWithGps());
      expect(replies.at(-1)?.text).toContain(
        f('uploaded', { kind: f('kind.health_checkup'), deadline: '' }).slice(0, 6),
      );

      const [again] = await bot.send(user, '/file');
      expect(again?.text).toContain(`⏳ ${f('kind.health_checkup')} — ${f('status.submitted')}`);
      // With the consent given, it can be withdrawn from here; the submission goes with it.
      expect(again?.buttons.map((b) => b.text)).toContain(f('button.withdraw'));
      const [ask] = await bot.press(user, again!.message!, 'sf:wd').then((x) => x.filter((m) => m.text));
      expect(ask?.text).toBe(f('withdrawAsk'));
      replies = await bot.press(user, ask!.message!, 'sf:wd:y');
      expect(replies.at(-1)?.text).toBe(f('withdrawn', { count: 1 }));
    });
  }

  it("a reminder's button opens that item with its action", async () => {
    const f = (k: string) => translator('en', 'bot')(`file.${k}`);
    const user = person('en');
    const { file } = await openFile(user);
    const replies = await bot.press(user, file.message!, 'sf:i:residence_proof');
    const card = withButtons(replies)!;
    expect(card.text).toContain(f('kind.residence_proof'));
    expect(card.text).not.toContain(f('kind.health_checkup'));
    expect(card.buttons.map((b) => b.data)).toContain('sf:up:p');
    expect(card.buttons.find((b) => b.webAppUrl)?.webAppUrl).toContain('service-file/items/residence_proof');
  });

  it('sends a reminder with a button per item to its page and one that shows its card in chat', async () => {
    // Monday 30 November 2026, 10:00 in Shanghai: the file opens, everything unmet is due 30 December.
    const clock = fixedClock('2026-11-30T02:00:00Z');
    const app = await createTestApp({ env: UNTHROTTLED_ENV, clock });
    const chat = botDriver(app);
    const f = (k: string, p: Record<string, unknown> = {}) => translator('zh-CN', 'serviceFile')(k, p);
    const b = (k: string) => translator('zh-CN', 'bot')(`file.${k}`);
    const user = person('zh-CN');
    const [offer] = await chat.send(user, '/file');
    await chat.press(user, offer!.message!, 'sf:open:y');

    // 14 days before: the planner groups the unmet items in one reminder; the sender sends it now.
    clock.set('2026-12-16T02:00:00Z');
    const deps = app.services().deps;
    await planReminders({ deps });
    const governor = localGovernor({ ratePerSecond: 1000, now: () => Date.now() });
    const sender = app.services().campaignSender();
    const reminders = () => chat.callsTo(user.id).filter((r) => r.text?.startsWith(f('reminder.intro')));
    for (let round = 0; round < 50 && reminders().length === 0; round++)
      await sendDueReminders({ deps, governor, sender });
    const [reminder] = reminders();
    expect(reminder?.text).toContain(
      f('reminder.before', { item: f('kinds.health_checkup'), date: '2026-12-30' }),
    );
    // Each item: its own page in the mini app and its card in chat; the whole file last.
    const page = reminder!.buttons.find(
      (x) => x.text === f('reminder.openItem', { item: f('kinds.health_checkup') }),
    );
    expect(page?.webAppUrl).toMatch(/\/app\/service-file\/items\/health_checkup$/);
    expect(reminder!.buttons.map((x) => x.data)).toEqual(
      expect.arrayContaining(['sf:i:health_checkup', 'sf:i:residence_proof', 'sf:i:service_agreement']),
    );
    expect(reminder!.buttons.at(-1)).toMatchObject({ text: f('reminder.openAll') });
    expect(reminder!.buttons.at(-1)?.webAppUrl).toMatch(/\/app\/service-file$/);

    // Pressing "show here" for the check-up answers with that item's card and its action.
    const replies = await chat.press(user, reminder!.message!, 'sf:i:health_checkup');
    const card = withButtons(replies)!;
    expect(card.text).toContain(b('kind.health_checkup'));
    expect(card.text).not.toContain(b('kind.residence_proof'));
    expect(card.buttons.map((x) => x.data)).toContain('sf:up:h');
    expect(card.buttons.find((x) => x.webAppUrl)?.webAppUrl).toContain('service-file/items/health_checkup');
  });

  it('confirms contact details, sends a livelihood question and records "I have moved back"', async () => {
    const f = (k: string, p: Record<string, unknown> = {}) => translator('zh-CN', 'bot')(`file.${k}`, p);
    const user = person('zh-CN');
    const { file } = await openFile(user);
    let replies = await bot.press(user, file.message!, 'sf:ct');
    expect(replies.at(-1)?.text).toBe(f('contactConfirmed'));
    replies = await bot.press(user, file.message!, 'sf:lv');
    replies = await bot.press(user, withButtons(replies)!.message!, 'sf:lv:job');
    expect(replies.at(-1)?.text).toBe(f('askQuestion', { max: 1000 }));
    replies = await bot.send(user, '深圳有哪些适合的招聘会？');
    expect(replies.at(-1)?.text).toBe(f('livelihoodSent'));
    replies = await bot.press(user, file.message!, 'sf:mb');
    replies = await bot.press(user, withButtons(replies)!.message!, 'sf:mb:y');
    expect(replies.at(-1)?.text).toBe(f('movedBackDone'));
    const [closed] = await bot.send(user, '/file');
    expect(closed?.text).toBe(f('movedBackFile'));
  });
});
