import { Hono } from 'hono';
import { AppError } from '../../../core/errors';
import type { AppEnv } from '../../context';

/**
 * The mini app's static files are served by Workers Static Assets before the Worker runs; what
 * reaches here under /app is a client-side route, answered with the app shell (index.html).
 */
export const miniApp = new Hono<AppEnv>()
  .get('/', (c) => c.redirect('/app/', 302))
  .get('/app', (c) => c.redirect('/app/', 301))
  .get('/app/*', async (c) => {
    const assets = c.get('services').config.ASSETS;
    if (!assets) throw new AppError('not_found');
    const res = await assets.fetch(new Request(new URL('/app/index.html', c.req.url)));
    return new Response(res.body, { status: res.ok ? 200 : res.status, headers: res.headers });
  });
