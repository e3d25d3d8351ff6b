import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Actor } from '../../core/auth/actor';
import { deskMayCall } from '../../core/auth/desk-access';
import { verifyInitData } from '../../core/auth/init-data';
import { deskCsrfToken, sameToken } from '../../core/desk/desk-tokens';
import { resolveDeskSession } from '../../core/desk/resolve-desk-session';
import { AppError } from '../../core/errors';
import { loadActor } from '../../core/users/load-actor';
import { loadActorById } from '../../core/users/load-actor-by-id';
import { registerTelegramUser } from '../../core/users/register-telegram-user';
import { users } from '../../db/schema';
import type { AppEnv } from '../context';

/** The desk session's cookie: HttpOnly, Secure, SameSite=Strict, host-only (`__Host-`). */
export const DESK_COOKIE = '__Host-desk';
/** The header that carries a desk session's CSRF token on state-changing calls. */
export const DESK_CSRF_HEADER = 'X-Desk-Csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling, in one of two ways:
 * - `Authorization: tma <initDataRaw>` — the Mini App's signed launch data. Valid and fresh, or 401.
 *   The person is filed on first sight.
 * - the desk session cookie (an officer signed in at a computer through a one-time link from the bot):
 *   a live session of a person who still holds an officer role, only for officers' operations
 *   (core/auth/desk-access.ts), and for state-changing calls the session's CSRF token and a
 *   same-origin request.
 * The person's language then drives every message, errors included.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^tma (.+)$/.exec(header);
  const desk = match ? undefined : getCookie(c, DESK_COOKIE);
  let actor: Actor;
  if (match) actor = await telegramActor(c, match[1]!);
  else if (desk) actor = await deskActor(c, desk);
  else throw new AppError('unauthorized');
  const [row] = await c
    .get('services')
    .deps.db.select({ language: users.language })
    .from(users)
    .where(eq(users.id, actor.userId));
  c.set('actor', actor);
  if (row) c.set('language', row.language);
  await next();
};

async function telegramActor(c: Context<AppEnv>, initData: string): Promise<Actor> {
  const { config, deps } = c.get('services');
  const data = await verifyInitData({
    initData,
    botToken: config.TELEGRAM_BOT_TOKEN,
    maxAgeSeconds: config.INIT_DATA_MAX_AGE_SECONDS,
    now: deps.clock.now(),
  });
  let actor = await loadActor({ deps, telegramId: data.user.id });
  if (!actor) {
    await registerTelegramUser({ deps, who: data.user });
    actor = await loadActor({ deps, telegramId: data.user.id });
  }
  return actor!;
}

async function deskActor(c: Context<AppEnv>, token: string): Promise<Actor> {
  const { deps } = c.get('services');
  const operation = `${c.req.method} ${c.req.routePath.replace(/:(\w+)/g, '{$1}')}`;
  if (!deskMayCall(operation)) throw new AppError('desk_not_allowed');
  if (!SAFE_METHODS.has(c.req.method)) {
    // SameSite=Strict already keeps the cookie off other sites' requests; this holds even without it.
    const site = c.req.header('Sec-Fetch-Site');
    if (site && site !== 'same-origin') throw new AppError('csrf_failed');
    const sent = c.req.header(DESK_CSRF_HEADER) ?? '';
    if (!sameToken(sent, await deskCsrfToken(token))) throw new AppError('csrf_failed');
  }
  const session = await resolveDeskSession({ deps, token });
  if (!session) throw new AppError('desk_session_ended');
  const actor = await loadActorById({ deps, userId: session.userId });
  // Roles are read on every request: an officer whose roles were taken away is out at once.
  if (!actor || actor.roles.length === 0) throw new AppError('forbidden');
  c.set('deskSession', { id: session.id, token });
  return { ...actor, desk: true };
}
