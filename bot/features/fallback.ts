// Mounted last: anything no feature handled. A question in words is answered from the service guide
// when a page matches; everything else gets the menu (the main commands and the mini app button).
import { Composer } from 'grammy';
import { answerFromGuide } from '../../core/guide/answer-from-guide';
import type { BotContext } from '../context';
import { replyWithGuidePage } from '../guide-message';
import { openAppKeyboard } from '../keyboards';

export const fallback = new Composer<BotContext>();

fallback.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  // An unknown /command is not a question.
  if (text.startsWith('/')) return next();
  const page = await answerFromGuide({ deps: ctx.deps.core, language: ctx.lang, question: text });
  if (!page) return next();
  await replyWithGuidePage(ctx, page, { intro: ctx.t('guideAnswer'), outro: ctx.t('guideAnswerMore') });
});
fallback.on('message', (ctx) => ctx.reply(ctx.t('unknownCommand'), { reply_markup: openAppKeyboard(ctx) }));
fallback.on('callback_query', (ctx) => ctx.answerCallbackQuery());
