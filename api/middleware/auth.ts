import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { verifyInitData } from '../../core/auth/init-data';
import { AppError } from '../../core/errors';
import { loadActor } from '../../core/users/load-actor';
import { registerTelegramUser } from '../../core/users/register-telegram-user';
import { users } from '../../db/schema';
import type { AppEnv } from '../context';

/**
 * `Authorization: tma <initDataRaw>` — the Mini App's signed launch data. Valid and fresh, or 401.
 * The person is filed on first sight; their language then drives every message, errors included.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^tma (.+)$/.exec(header);
  if (!match) throw new AppError('unauthorized');
  const { config, deps } = c.get('services');
  const data = await verifyInitData({
    initData: match[1]!,
    botToken: config.TELEGRAM_BOT_TOKEN,
    maxAgeSeconds: config.INIT_DATA_MAX_AGE_SECONDS,
    now: deps.clock.now(),
  });
  let actor = await loadActor({ deps, telegramId: data.user.id });
  if (!actor) {
    await registerTelegramUser({ deps, who: data.user });
    actor = await loadActor({ deps, telegramId: data.user.id });
  }
  const [row] = await deps.db
    .select({ language: users.language })
    .from(users)
    .where(eq(users.id, actor!.userId));
  c.set('actor', actor!);
  if (row) c.set('language', row.language);
  await next();
};
