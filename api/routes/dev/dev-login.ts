import { asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { signInitData } from '../../../core/auth/init-data';
import { AppError } from '../../../core/errors';
import { translator } from '../../../core/i18n';
import { officerRoles, users, villages } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';

/**
 * Dev-only sign-in (APP_ENV=development): lists the people in the database and opens the mini app
 * as one of them, with init data signed by the local bot token exactly as Telegram would sign it.
 * In any other environment these paths do not exist (404).
 */
export const devLogin = new Hono<AppEnv>();

devLogin.use('/dev/*', async (c, next) => {
  if (c.get('services').config.APP_ENV !== 'development') throw new AppError('not_found');
  await next();
});

devLogin.get('/dev/login', async (c) => {
  const { db } = c.get('services').deps;
  const t = translator(requestLanguage(c), 'common');
  const separator = translator(requestLanguage(c), 'app')('ui.listSeparator');
  const people = await db
    .select({
      telegramId: users.telegramId,
      displayName: users.displayName,
      language: users.language,
      status: users.populationStatus,
      village: villages.name,
      roles: sql<
        string[]
      >`coalesce(array_agg(${officerRoles.role}) filter (where ${officerRoles.role} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(villages, eq(villages.id, users.villageId))
    .leftJoin(officerRoles, eq(officerRoles.userId, users.id))
    .groupBy(users.id, villages.name)
    .orderBy(asc(users.telegramId))
    .limit(200);
  const rows = people.map((p) => {
    const roles = p.roles.length
      ? p.roles.map((r) => t(`roles.${r}`)).join(separator)
      : t(`populationStatus.${p.status}`);
    return html`<li><a href="/dev/login/${p.telegramId}" data-telegram-id="${p.telegramId}">
      <strong>${p.displayName}</strong><span>${roles}${p.village ? ` · ${p.village}` : ''} · ${p.telegramId}</span></a></li>`;
  });
  return c.html(html`<!doctype html>
<html lang="${requestLanguage(c)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t('devLogin.title')}</title>
<style>body{font:16px system-ui,sans-serif;margin:0;padding:16px;background:#f4f4f5;color:#18181b}
h1{font-size:20px}p{color:#52525b}ul{list-style:none;padding:0}li a{display:flex;flex-direction:column;padding:12px;margin:8px 0;
background:#fff;border-radius:10px;text-decoration:none;color:inherit;box-shadow:0 1px 2px #0001}span{color:#71717a;font-size:14px}</style>
</head><body><h1>${t('devLogin.title')}</h1><p>${t('devLogin.hint')}</p><ul>${rows}</ul></body></html>`);
});

devLogin.get('/dev/login/:telegramId{[0-9]+}', async (c) => {
  const { config, deps } = c.get('services');
  const [user] = await deps.db
    .select({ telegramId: users.telegramId, displayName: users.displayName })
    .from(users)
    .where(eq(users.telegramId, Number(c.req.param('telegramId'))));
  if (!user) throw new AppError('not_found');
  const initData = await signInitData({
    user: { id: user.telegramId, first_name: user.displayName },
    botToken: config.TELEGRAM_BOT_TOKEN,
    authDate: deps.clock.now(),
  });
  // The same launch parameters Telegram puts in the mini app's URL hash.
  const hash = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '9.1',
    tgWebAppPlatform: 'web',
  });
  return c.redirect(`/app/#${hash.toString()}`, 302);
});
