// Walks a person through /report in chat (category, village, what, period, provider, one photo,
// review, submit) and returns what the bot answered to the submit: shared by the bot's tip-off tests.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { translator } from '../../core/i18n';
import { CATEGORY_CODES } from '../../core/tipoffs/tipoff-schema';
import type { Db } from '../../db/client';
import { villages } from '../../db/schema';
import { jpegWithGps } from '../fixtures/certificates';
import type { BotReply, botDriver } from './bot';
import type { UpdateUser } from './telegram-updates';

export type Lang = 'zh-CN' | 'zh-TW' | 'en';
export const buttonData = (reply: BotReply | undefined, text: string) =>
  reply?.buttons.find((b) => b.text === text)?.data;
export const lastWithButtons = (replies: BotReply[]) =>
  [...replies].reverse().find((r) => r.buttons.length > 0);
const data = buttonData;

/** Goes through the whole conversation and returns what the person saw at the end. */
export async function reportThroughChat(
  bot: ReturnType<typeof botDriver>,
  db: Db,
  user: UpdateUser,
  lang: Lang,
  what: string,
  options: { notify?: boolean } = {},
) {
  const r = (k: string, p: Record<string, unknown> = {}) => translator(lang, 'bot')(`report.${k}`, p);
  const [intro] = await bot.send(user, '/report');
  let replies = await bot.press(user, intro!.message!, data(intro, r('start'))!);
  const categoryQuestion = lastWithButtons(replies)!;
  expect(categoryQuestion.text).toBe(r('askCategory'));
  replies = await bot.press(
    user,
    categoryQuestion.message!,
    `tr:c:${CATEGORY_CODES.two_non_sex_determination}`,
  );
  const placeQuestion = lastWithButtons(replies)!;
  const [dongshan] = await db.select().from(villages).where(eq(villages.code, 'dongshan'));
  expect(placeQuestion.buttons.map((b) => b.text)).toContain(dongshan!.name);
  replies = await bot.press(user, placeQuestion.message!, `tr:v:${dongshan!.id}`);
  expect(replies.at(-1)?.text).toContain(r('askWhat', { min: 10, max: 4000 }).slice(0, 12));
  replies = await bot.send(user, what);
  const periodQuestion = lastWithButtons(replies)!;
  replies = await bot.press(user, periodQuestion.message!, 'tr:t:month');
  expect(replies.at(-1)?.text).toBe(r('askProvider', { max: 200 }));
  replies = await bot.send(
    user,
    lang === 'en' ? 'The ultrasound room behind the bus station' : '汽车站后面的B超室',
  );
  expect(replies.at(-1)?.text).toBe(r('askAttachments', { max: 10 }));
  const [added] = await bot.sendPhoto(user, jpegWithGps());
  expect(added?.text).toBe(r('attachmentAdded', { count: 1 }));
  expect(added?.buttons[0]?.text).toBe(`✓ ${r('metadataStrip')}`);
  replies = await bot.press(user, added!.message!, 'tr:review');
  let review = lastWithButtons(replies)!;
  if (options.notify) {
    replies = await bot.press(user, review.message!, 'tr:n');
    expect(replies.map((m) => m.text)).toContain(r('notifyExplained'));
    review = lastWithButtons(replies)!;
  }
  expect(review.text).toContain(what);
  expect(review.text).toContain(dongshan!.name);
  replies = await bot.press(user, review.message!, data(review, r('submit'))!);
  return { replies, r };
}
