// GET /c/<token>: a campaign's link button. Records the click, then redirects to the link — public,
// because Telegram opens it in a browser without the mini app's sign-in.
import { Hono } from 'hono';
import { followClickLink } from '../../../core/campaigns/follow-click-link';
import { isAppError } from '../../../core/errors';
import { translator } from '../../../core/i18n';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';

export const clickRedirect = new Hono<AppEnv>().get('/c/:token', async (c) => {
  try {
    const { url } = await followClickLink({ deps: c.get('services').deps, token: c.req.param('token') });
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(url, 302);
  } catch (e) {
    if (!isAppError(e) || e.code !== 'not_found') throw e;
    return c.text(translator(requestLanguage(c), 'errors')('not_found'), 404);
  }
});
