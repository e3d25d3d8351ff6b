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
    // A file (it has an extension) that reached the Worker is served as the file it is, never as the
    // app shell: a script answered with HTML would fail silently (the verify page's did once).
    if (/\.[A-Za-z0-9]+$/.test(c.req.path)) {
      const file = await assets.fetch(new Request(c.req.url));
      if (!file.ok) throw new AppError('not_found');
      return new Response(file.body, { status: 200, headers: file.headers });
    }
    // '/app/' (not '/app/index.html', which the asset server redirects to '/app/').
    const res = await assets.fetch(new Request(new URL('/app/', c.req.url)));
    return new Response(res.body, { status: res.ok ? 200 : res.status, headers: res.headers });
  });
