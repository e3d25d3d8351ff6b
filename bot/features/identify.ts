// Runs first for every update with a sender: files the person (档案) on first contact and
// puts their actor, language and translator on the context.
import { Composer } from 'grammy';
import { translator } from '../../core/i18n';
import { loadActor } from '../../core/users/load-actor';
import { registerTelegramUser } from '../../core/users/register-telegram-user';
import type { BotContext } from '../context';

export const identify = new Composer<BotContext>();

identify.use(async (ctx, next) => {
  const from = ctx.from;
  if (!from || from.is_bot) return; // channel posts and other bots: nothing for us to do
  const user = await registerTelegramUser({ deps: ctx.deps.core, who: from });
  const actor = await loadActor({ deps: ctx.deps.core, telegramId: from.id });
  ctx.actor = actor!;
  ctx.lang = user.language;
  ctx.t = translator(user.language, 'bot');
  await next();
});
