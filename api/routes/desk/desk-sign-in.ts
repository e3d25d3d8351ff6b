// The page a desk sign-in link opens (GET shows a button and spends nothing, so a link preview or a
// scanner cannot use the link up), and the form post that spends the link and starts the session.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import {
  DESK_SESSION_IDLE_MS,
  DESK_SESSION_MAX_MS,
  DESK_TOKEN_PATTERN,
} from '../../../core/desk/desk-tokens';
import { signInWithDeskLink } from '../../../core/desk/sign-in-with-desk-link';
import { AppError } from '../../../core/errors';
import { translator } from '../../../core/i18n';
import type { AppEnv } from '../../context';
import { errorPage } from '../../error-page';
import { requestLanguage } from '../../errors';
import { DESK_COOKIE } from '../../middleware/auth';

export const deskSignIn = new Hono<AppEnv>();

deskSignIn.get('/desk/sign-in', (c) => {
  const token = c.req.query('t') ?? '';
  if (!DESK_TOKEN_PATTERN.test(token)) return errorPage(c, new AppError('desk_link_invalid'));
  const language = requestLanguage(c);
  const t = translator(language, 'app');
  c.header('Cache-Control', 'no-store');
  return c.html(html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t('desk.signIn.title')}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:16px;background:#f4f4f5;color:#18181b}
main{max-width:560px;margin:10vh auto 0;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px #0002}
h1{font-size:22px;margin:0 0 12px}p{color:#3f3f46}small{color:#71717a}
button{font:inherit;font-weight:600;background:#2563eb;color:#fff;border:0;border-radius:10px;padding:12px 20px;cursor:pointer;width:100%;margin:8px 0 12px}</style></head>
<body><main><h1>${t('desk.signIn.title')}</h1><p>${t('desk.signIn.intro')}</p>
<form method="post" action="/desk/sign-in"><input type="hidden" name="t" value="${token}">
<button type="submit">${t('desk.signIn.button')}</button></form>
<small>${t('desk.signIn.limits', { idleHours: DESK_SESSION_IDLE_MS / 3_600_000, maxHours: DESK_SESSION_MAX_MS / 3_600_000 })}</small></main></body></html>`);
});

deskSignIn.post('/desk/sign-in', async (c) => {
  try {
    // A sign-in posted from another site would sign this browser in as someone else (login CSRF).
    // The browser's own Sec-Fetch-Site decides where it is sent (behind `wrangler dev` or a proxy the
    // Worker's URL need not be the address the browser used); without it, the Origin must be ours.
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const crossSite = site ? site !== 'same-origin' : !!origin && origin !== new URL(c.req.url).origin;
    if (crossSite) throw new AppError('csrf_failed');
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.t === 'string' ? form.t : '';
    const { sessionToken } = await signInWithDeskLink({ deps: c.get('services').deps, token });
    setCookie(c, DESK_COOKIE, sessionToken, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: DESK_SESSION_MAX_MS / 1000,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect('/app/', 303);
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return errorPage(c, e);
    throw e;
  }
});
