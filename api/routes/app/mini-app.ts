import { Hono } from 'hono';
import { AppError } from '../../../core/errors';
import type { AppEnv } from '../../context';

/**
 * The mini app's scripts, styles and font are served by Workers Static Assets before the Worker runs;
 * its HTML comes here (wrangler.toml `run_worker_first`): /app/ and every client-side route are
 * answered with the app shell (index.html), so the security headers (api/middleware/secure-headers.ts)
 * are on every page of the app.
 */
export const miniApp = new Hono<AppEnv>()
  .get('/', (c) => c.redirect('/app/', 302))
  .get('/app', (c) => c.redirect('/app/', 301))
  .get('/app/*', async (c) => {
    const assets = c.get('services').config.ASSETS;
    if (!assets) throw new AppError('not_found');
    // '/app/' (not '/app/index.html', which the asset server redirects to '/app/').
    const res = await assets.fetch(new Request(new URL('/app/', c.req.url)));
    return new Response(res.body, { status: res.ok ? 200 : res.status, headers: res.headers });
  });
