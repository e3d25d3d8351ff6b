import { Bot, type BotConfig, type BotError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { AppError } from '../core/errors';
import { translator } from '../core/i18n';
import { isDatabaseUnavailable } from '../core/infra-errors';
import { errorSummary, logEvent } from '../core/log';
import type { BotContext, BotDeps } from './context';
import { campaignsFeature } from './features/campaigns';
import { certificates } from './features/certificates';
import { desk } from './features/desk';
import { fallback } from './features/fallback';
import { identify } from './features/identify';
import { info } from './features/info';
import { invite } from './features/invite';
import { language } from './features/language';
import { serviceFileFeature } from './features/service-file';
import { start } from './features/start';
import { receiptFallback, tipFollow } from './features/tip-follow';
import { tipReport } from './features/tip-report';

export const BOT_COMMANDS = [
  'start',
  'status',
  'report',
  'file',
  'guide',
  'topics',
  'stop',
  'language',
  'help',
  'privacy',
] as const;

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

  // Error boundary: apologise in the person's language and log the request id — never the text.
  // An errorBoundary (not bot.catch, which only long polling uses) so webhook updates get it too;
  // the update then counts as handled and Telegram does not redeliver a half-applied one.
  // Except when the database is away or the connection was lost: that is rethrown, so the webhook
  // answers 503, the claim is released and Telegram redelivers the update (a 200 would lose it).
  const handleError = async (err: BotError<BotContext>) => {
    const ctx = err.ctx;
    const requestId = deps.core.requestId;
    if (isDatabaseUnavailable(err.error)) {
      logEvent('warn', 'bot update deferred: database unavailable', {
        requestId,
        updateId: ctx.update.update_id,
        ...errorSummary(err.error),
      });
      throw err.error;
    }
    const t = ctx.t ?? translator(ctx.lang ?? 'zh-CN', 'bot');
    // A domain refusal (file too large, application locked…) is an answer, not a failure: say why.
    const known = err.error instanceof AppError && err.error.status < 500 ? err.error : undefined;
    logEvent(known ? 'info' : 'error', known ? 'bot update refused' : 'bot update failed', {
      requestId,
      updateId: ctx.update.update_id,
      ...errorSummary(err.error),
    });
    // A refused input says what was wrong with it (the field's own message), not only that it was.
    const field = known?.fields?.[0];
    const text = known
      ? field
        ? t(field.message, field.params ?? {})
        : t(`errors:${known.code}`, known.params ?? {})
      : t('apology', { requestId: requestId.slice(0, 8) });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
    if (ctx.chat) await ctx.reply(text).catch(() => {});
  };
  const features = bot.errorBoundary(handleError);
  features.use(identify);
  // Before start: it takes /start inv_<token> and passes every other /start on.
  features.use(invite);
  features.use(start);
  features.use(language);
  features.use(info);
  // Before certificates: a photo sent while writing a report, or as the answer to a tip's prompt, is
  // the tip's; any other photo goes on to the certificate application.
  features.use(tipFollow);
  features.use(tipReport);
  features.use(serviceFileFeature);
  features.use(receiptFallback);
  features.use(certificates);
  features.use(campaignsFeature);
  features.use(desk);
  features.use(fallback);
  bot.catch(handleError);
  return bot;
}
