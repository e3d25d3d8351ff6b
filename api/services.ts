import type { Bot } from 'grammy';
import type { BotContext } from '../bot/context';
import { createBot } from '../bot/create-bot';
import { AppError } from '../core/errors';
import { logEvent } from '../core/log';
import { cryptoIds, systemClock } from '../core/runtime';
import { createDb, type Db } from '../db/client';
import type { AppOptions, Services } from './context';
import { botIdFromToken, databaseUrl, type WorkerBindings, ZEnvSchema } from './env';

export type ServiceOptions = AppOptions & { db?: (url: string) => Db };

/**
 * Parses the env (fail fast, naming the variable, never its value) and builds the services of one
 * request, queue batch or cron run. The Postgres client is created here, per invocation, because
 * workerd forbids sharing sockets across requests; tests inject a pooled `db` instead.
 */
export function buildServices(
  env: WorkerBindings | undefined,
  options: ServiceOptions,
  context: { requestId: string; origin?: string },
): Services {
  const parsed = ZEnvSchema.safeParse(env ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => i.message).join('; ');
    logEvent('error', 'invalid worker configuration', { problems });
    throw new AppError('config_invalid', { message: problems });
  }
  const config = parsed.data;
  const url = databaseUrl(config);
  const db = options.db ? options.db(url) : createDb(url).db;
  const deps = {
    db,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? cryptoIds,
    requestId: context.requestId,
  };
  const publicOrigin = config.PUBLIC_URL ?? context.origin ?? 'http://127.0.0.1:8787';
  let bot: Bot<BotContext> | undefined;
  return {
    config,
    deps,
    bot() {
      bot ??= createBot(
        config.TELEGRAM_BOT_TOKEN,
        { core: deps, miniAppUrl: new URL('/app/', publicOrigin).toString() },
        {
          botInfo: {
            id: botIdFromToken(config.TELEGRAM_BOT_TOKEN),
            is_bot: true,
            first_name: config.TELEGRAM_BOT_USERNAME,
            username: config.TELEGRAM_BOT_USERNAME,
            can_join_groups: false,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
            can_connect_to_business: false,
            has_main_web_app: true,
          } as never,
          apiRoot: config.TELEGRAM_API_ROOT,
          fetch: options.botFetch,
        },
      );
      return bot;
    },
  };
}
