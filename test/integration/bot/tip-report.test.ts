// /report in chat, through the real webhook and the Telegram sandbox: what a person reads before
// reporting, the guided steps, a photo attached with its metadata choice, screening refusals that keep
// the draft, the receipt shown once (and deleted after "I have saved it"), following a report with
// the receipt (its message deleted), writing to the office as a reply, and throttled wrong receipts.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../core/i18n';
import { shanghaiDateOf } from '../../../core/review/working-days';
import { actOnTip } from '../../../core/tipoffs/act-on-tip';
import { approveReward } from '../../../core/tipoffs/approve-reward';
import { listTipQueue } from '../../../core/tipoffs/list-tip-queue';
import { lookupTipByReceipt } from '../../../core/tipoffs/lookup-tip-by-receipt';
import { proposeReward } from '../../../core/tipoffs/propose-reward';
import { formatReceipt } from '../../../core/tipoffs/tipoff-schema';
import { loadActor } from '../../../core/users/load-actor';
import { botConversations, users } from '../../../db/schema';
import { nextTelegramId } from '../../fixtures/campaigns';
import { jpegWithGps } from '../../fixtures/certificates';
import { createTestApp, type TestApp, UNTHROTTLED_ENV } from '../../harness/app';
import { type BotReply, botDriver } from '../../harness/bot';
import { useTestDb } from '../../harness/db';
import {
  buttonData as data,
  lastWithButtons,
  reportThroughChat as throughChat,
} from '../../harness/tip-chat';

const db = useTestDb();
let t: TestApp;
let bot: ReturnType<typeof botDriver>;

beforeAll(async () => {
  t = await createTestApp({ env: UNTHROTTLED_ENV });
  bot = botDriver(t);
});

type Lang = 'zh-CN' | 'en';
const CODES: Record<Lang, string> = { 'zh-CN': 'zh-hans', en: 'en' };
const person = (lang: Lang) => ({ id: nextTelegramId(), first_name: 'Reporter', language_code: CODES[lang] });

describe('reporting through the bot', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`says plainly what the channel can promise, and walks to a receipt shown once (${lang})`, async () => {
      const user = person(lang);
      const r = (k: string, p: Record<string, unknown> = {}) => translator(lang, 'bot')(`report.${k}`, p);
      const [intro] = await bot.send(user, '/report');
      expect(intro?.text).toContain(r('intro', { tiers: '', url: '', draft: '' }).slice(0, 20));
      expect(intro?.text).toContain('https://township.example/report');
      // The tier table comes from the office's settings, in the person's language.
      expect(intro?.text).toContain(
        r('tierLine', { category: r('category.abortion_drug_sales'), min: '1,000', max: '3,000' }),
      );
      expect(intro?.text).toContain(r('tierNone', { category: r('category.misconduct') }));
      expect(intro?.buttons.map((b) => b.text)).toEqual([r('start'), r('follow'), r('webPage')]);

      const what =
        lang === 'en'
          ? 'A clinic tells pregnant customers the sex of the fetus for 800 yuan, by ultrasound.'
          : '某诊所用B超给孕妇做胎儿性别鉴定，每次收费800元。';
      const { replies } = await throughChat(bot, db, user, lang, what);
      const receiptMessage = replies.find(
        (m) => m.text?.includes(r('saved')) || m.buttons.some((b) => b.data === 'tr:saved'),
      );
      expect(receiptMessage).toBeDefined();
      const digits = /(\d{4} \d{4} \d{4} \d{4})/.exec(receiptMessage!.text ?? '')?.[1];
      expect(digits).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(receiptMessage!.params.parse_mode).toBe('HTML');
      expect(replies.some((m) => m.text?.includes('HYJB1|'))).toBe(true);
      expect(replies.some((m) => m.text === r('attachmentsSent', { count: 1 }))).toBe(true);
      // The tip exists, with its photo, and the draft is gone.
      const view = await lookupTipByReceipt({ deps: t.services().deps, receipt: digits! });
      expect(view.content?.what).toBe(what);
      expect(view.attachments).toHaveLength(1);
      const [userRow] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, user.id));
      expect(
        await db.select().from(botConversations).where(eq(botConversations.userId, userRow!.id)),
      ).toEqual([]);

      // "I have saved it" deletes the message that shows the receipt.
      const after = await bot.press(user, receiptMessage!.message!, 'tr:saved');
      expect(
        t.sandbox.calls.some(
          (c) => c.method === 'deleteMessage' && c.params.message_id === receiptMessage!.message!.message_id,
        ),
      ).toBe(true);
      expect(after.at(-1)?.text).toBe(r('receiptDeleted'));
    });
  }

  it('refuses text about a private person, explains why, and keeps the draft', async () => {
    const user = person('zh-CN');
    const r = (k: string) => translator('zh-CN', 'bot')(`report.${k}`);
    const [intro] = await bot.send(user, '/report');
    const [q] = await bot
      .press(user, intro!.message!, 'tr:new')
      .then((x) => x.filter((m) => m.buttons.length));
    await bot.press(user, q!.message!, 'tr:c:A');
    await bot.send(user, '东山村卫生室后门');
    const refused = await bot.send(user, '我邻居王某怀孕了，她家想知道是男孩还是女孩');
    expect(refused.at(-1)?.text).toBe(r('screened.private_pregnancy'));
    // Still at the same question: a proper description moves on.
    const next = await bot.send(user, '卫生室有人介绍去外地做B超鉴定性别，收费两千元');
    expect(next.at(-1)?.text).toContain(r('askPeriod').slice(0, 8));
  });

  it('a photo sent while reporting never reaches the certificate application', async () => {
    const user = person('en');
    const [intro] = await bot.send(user, '/report');
    await bot.press(user, intro!.message!, 'tr:new');
    const [added] = await bot.sendPhoto(user, jpegWithGps());
    expect(added?.text).toBe(translator('en', 'bot')('report.attachmentAdded', { count: 1 }));
    const kept = await bot.press(user, added!.message!, 'tr:m:0:1');
    expect(kept.find((c) => c.method === 'answerCallbackQuery')?.params.text).toBe(
      translator('en', 'bot')('report.metadataKept'),
    );
  });
});

describe('following a report in chat', () => {
  async function submitted(lang: Lang) {
    const user = person(lang);
    const { replies } = await throughChat(
      bot,
      db,
      user,
      lang,
      lang === 'en'
        ? 'A pharmacy sells abortion pills without prescription.'
        : '某药店无处方出售堕胎药，价格三百元。',
    );
    const digits = /(\d{4} \d{4} \d{4} \d{4})/.exec(replies.map((m) => m.text ?? '').join('\n'))![1]!;
    return { user, receipt: digits.replace(/ /g, '') };
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`reads the receipt (deleting that message), shows the status and lets the person write back (${lang})`, async () => {
      const { user, receipt } = await submitted(lang);
      const r = (k: string, p: Record<string, unknown> = {}) => translator(lang, 'bot')(`report.${k}`, p);
      const [ask] = await bot.send(user, '/report follow');
      expect(ask?.message?.text).toContain(r('askReceipt'));
      const dashed = receipt.replace(/(\d{4})(?=\d)/g, '$1-');
      expect(ask?.params.reply_markup).toMatchObject({ force_reply: true });
      const shown = await bot.reply(user, ask!.message!, dashed, 1);
      expect(
        t.sandbox.calls.some(
          (c) => c.method === 'deleteMessage' && c.params.chat_id === user.id && c.params.message_id === 1,
        ),
      ).toBe(true);
      expect(shown.map((m) => m.text)).toContain(r('receiptMessageDeleted'));
      const view = lastWithButtons(shown)!;
      expect(view.text).toContain(r('viewStatus', { status: r('status.received') }));
      // The buttons carry the receipt sealed: never the digits themselves.
      for (const b of view.buttons) expect(b.data ?? '').not.toContain(receipt);

      const [prompt] = await bot
        .press(user, view.message!, data(view, r('write'))!)
        .then((x) => x.filter((m) => m.method === 'sendMessage'));
      expect(prompt?.params.reply_markup).toMatchObject({ force_reply: true });
      const sent = await bot.reply(
        user,
        prompt!.message!,
        lang === 'en' ? 'It is open on Sundays too.' : '周日也营业。',
      );
      expect(sent.at(-1)?.text).toBe(r('messageSent'));
      const after = await lookupTipByReceipt({ deps: t.services().deps, receipt });
      expect(after.messages.map((m) => m.from)).toEqual(['reporter']);
    });
  }

  it('the notification button says what pressing it does: on while off, off once on (and in the message)', async () => {
    const { user, receipt } = await submitted('zh-CN');
    const r = (k: string, p: Record<string, unknown> = {}) => translator('zh-CN', 'bot')(`report.${k}`, p);
    const [ask] = await bot.send(user, '/report follow');
    const view = lastWithButtons(await bot.reply(user, ask!.message!, receipt, 1))!;
    const texts = view.buttons.map((b) => b.text);
    expect(texts).toContain(r('notifyTurnOn'));
    expect(texts).not.toContain(r('notifyTurnOff'));

    const pressed = await bot.press(user, view.message!, data(view, r('notifyTurnOn'))!);
    expect(pressed.map((m) => m.text)).toContain(r('notifyExplained'));
    // The same message now offers to turn it off.
    const edit = t.sandbox.calls.filter((c) => c.method === 'editMessageReplyMarkup').at(-1);
    const offered = JSON.stringify(edit?.params.reply_markup ?? {});
    expect(offered).toContain(r('notifyTurnOff'));
    expect(offered).not.toContain(r('notifyTurnOn'));

    const [again] = await bot.send(user, '/report follow');
    const later = lastWithButtons(await bot.reply(user, again!.message!, receipt, 2))!;
    expect(later.buttons.map((b) => b.text)).toContain(r('notifyTurnOff'));
    expect(later.buttons.map((b) => b.text)).not.toContain(r('notifyTurnOn'));
  });

  it('answers a wrong receipt without saying more, and a bad format by asking again', async () => {
    const user = person('en');
    const [ask] = await bot.send(user, '/report follow');
    const short = await bot.reply(user, ask!.message!, '1234', 1);
    expect(short.some((m) => m.text?.startsWith(translator('en', 'bot')('report.receiptFormat')))).toBe(true);
    // A bare 16-digit message is read as a receipt too.
    const wrong = await bot.sendWithId(user, '0000 0000 0000 0001', 1);
    expect(wrong.some((m) => m.text?.startsWith(translator('en', 'bot')('report.receiptUnknown')))).toBe(
      true,
    );
  });

  it('a forged or expired button asks for the receipt again', async () => {
    const user = person('zh-CN');
    const [ask] = await bot.send(user, '/report follow');
    const replies = await bot.press(user, ask!.message!, `tf:r:${'A'.repeat(52)}`);
    expect(replies.at(-1)?.text).toBe(translator('zh-CN', 'bot')('report.sessionExpired', { minutes: 30 }));
  });

  it('shows the receipt in groups of four', () => {
    expect(formatReceipt('1234567812345678')).toBe('1234 5678 1234 5678');
  });
});

describe('wrong receipts in chat are throttled calmly', () => {
  it('after the limit, says to wait in minutes and does not look the receipt up', async () => {
    const limited = await createTestApp();
    const driver = botDriver(limited);
    const user = person('en');
    const r = (k: string, p: Record<string, unknown> = {}) => translator('en', 'bot')(`report.${k}`, p);
    let calm: BotReply | undefined;
    for (let i = 0; i < 12 && !calm; i++) {
      const replies = await driver.sendWithId(user, `0000 0000 0000 ${String(1000 + i)}`, 1);
      calm = replies.find((m) => m.text?.startsWith(r('rateLimited', { count: 60 }).slice(0, 20)));
    }
    expect(calm).toBeDefined();
    expect(calm!.text).toMatch(/\d+ minute/);
  });
});

describe('claiming a reward in chat', () => {
  it('offers the claim once approved: a QR code to show in person, or bank details as a reply (deleted)', async () => {
    const user = person('zh-CN');
    const r = (k: string, p: Record<string, unknown> = {}) => translator('zh-CN', 'bot')(`report.${k}`, p);
    const { replies } = await throughChat(
      bot,
      db,
      user,
      'zh-CN',
      '某诊所用B超给孕妇鉴定胎儿性别，收费一千元。',
    );
    const text = replies.map((m) => m.text ?? '').join('\n');
    const receipt = /(\d{4} \d{4} \d{4} \d{4})/.exec(text)![1]!.replace(/ /g, '');
    const deps = t.services().deps;
    const actor = async (telegramId: number) => (await loadActor({ deps, telegramId }))!;
    const handler = await actor(900004);
    const number = (await lookupTipByReceipt({ deps, receipt })).number;
    const { items } = await listTipQueue({ deps, actor: handler, query: { state: 'all' } });
    const tipId = items.find((i) => i.number === number)!.id;
    for (const action of ['acknowledge', 'accept', 'investigate', 'substantiate'] as const) {
      await actOnTip({ deps, actor: handler, tipId, input: { action, note: `step ${action}` } });
    }
    const reward = await proposeReward({ deps, actor: handler, tipId, input: { amountYuan: 5000 } });
    await approveReward({ deps, actor: await actor(900005), rewardId: reward.id });
    await approveReward({ deps, actor: await actor(900001), rewardId: reward.id });

    const [ask] = await bot.send(user, '/report follow');
    const shown = await bot.reply(user, ask!.message!, receipt, 1);
    const view = lastWithButtons(shown)!;
    // The follow-up says the amount, the last day to claim and the two ways to claim.
    const deadline = (await lookupTipByReceipt({ deps, receipt })).reward!.claimDeadline!;
    const day = shanghaiDateOf(new Date(deadline));
    expect(view.text).toContain(r('reward.approved', { amount: '5,000', deadline: day }));
    expect(view.text).not.toContain('T15:59');
    expect(view.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining([r('claimInPerson'), r('claimBank')]),
    );

    const inPerson = await bot.press(user, view.message!, data(view, r('claimInPerson'))!);
    const photo = inPerson.find((m) => m.method === 'sendPhoto');
    expect(photo?.text).toBe(r('claimInPersonDone', { receipt: formatReceipt(receipt) }));

    const [prompt] = await bot
      .press(user, view.message!, data(view, r('claimBank'))!)
      .then((x) => x.filter((m) => m.method === 'sendMessage'));
    expect(prompt?.message?.text).toContain(r('askBank').slice(0, 10));
    const bad = await bot.reply(user, prompt!.message!, '张三', 2);
    expect(bad.map((m) => m.text ?? '').join('\n')).toContain(r('bankInvalid'));
    const done = await bot.reply(user, prompt!.message!, '张三\n中国农业银行\n6228 4800 0000 0000 000', 3);
    expect(t.sandbox.calls.some((c) => c.method === 'deleteMessage' && c.params.message_id === 3)).toBe(true);
    expect(done.at(-1)?.text).toBe(`${r('claimBankDone')}\n\n${r('bankMessageDeleted')}`);
    expect((await lookupTipByReceipt({ deps, receipt })).reward?.claimMethod).toBe('bank_transfer');
  });
});
