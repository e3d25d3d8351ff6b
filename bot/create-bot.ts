import { Bot, type BotConfig } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { translator } from '../core/i18n';
import { errorSummary, logEvent } from '../core/log';
import type { BotContext, BotDeps } from './context';
import { fallback } from './features/fallback';
import { identify } from './features/identify';
import { info } from './features/info';
import { language } from './features/language';
import { start } from './features/start';

export const BOT_COMMANDS = ['start', 'language', 'help', 'privacy'] as const;

/**
 * Builds the bot with its features mounted in order. `botInfo` is always given, so no getMe is
 * ever made while handling a request; `apiRoot` points at Telegram or the local sandbox.
 */
export function createBot(
  token: string,
  deps: BotDeps,
  options: { botInfo: UserFromGetMe; apiRoot?: string; fetch?: typeof fetch },
): Bot<BotContext> {
  const client: BotConfig<BotContext>['client'] = { apiRoot: options.apiRoot };
  if (options.fetch) client.fetch = options.fetch as never;
  const bot = new Bot<BotContext>(token, { botInfo: options.botInfo, client });

  bot.use((ctx, next) => {
    ctx.deps = deps;
    return next();
  });
  bot.use(identify);
  bot.use(start);
  bot.use(language);
  bot.use(info);
  bot.use(fallback);

  // Error boundary: apologise in the person's language and log the request id — never the text.
  bot.catch(async (err) => {
    const ctx = err.ctx;
    const requestId = deps.core.requestId;
    logEvent('error', 'bot update failed', {
      requestId,
      updateId: ctx.update.update_id,
      ...errorSummary(err.error),
    });
    const t = ctx.t ?? translator(ctx.lang ?? 'zh-CN', 'bot');
    if (ctx.chat) await ctx.reply(t('apology', { requestId: requestId.slice(0, 8) })).catch(() => {});
  });
  return bot;
}
