import { Composer } from 'grammy';
import { isLanguage, translator } from '../../core/i18n';
import { updatePreferences } from '../../core/users/update-preferences';
import type { BotContext } from '../context';
import { languageKeyboard } from '../keyboards';

export const language = new Composer<BotContext>();

language.command('language', (ctx) =>
  ctx.reply(ctx.t('chooseLanguage'), { reply_markup: languageKeyboard() }),
);

language.callbackQuery(/^lang:(.+)$/, async (ctx) => {
  const lng = ctx.match[1];
  if (!isLanguage(lng)) return ctx.answerCallbackQuery();
  await updatePreferences({ deps: ctx.deps.core, actor: ctx.actor, input: { language: lng } });
  ctx.lang = lng;
  ctx.t = translator(lng, 'bot');
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('languageSet'));
});
