// Which paths are rate limited under which policy (core/rate-limit/policies.ts): everything anonymous
// that costs the database or a signature check, and every failed sign-in. Registered before the
// routes, by path pattern, so route files stay as they are. Signed-in limits (uploads, costly calls)
// need the person and sit after requireUser: api/middleware/upload-limit.ts and the routes of the
// test send, the certificate PDF and the audience count.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { byClient, failureLimit, rateLimit } from './middleware/rate-limit';

export function applyRateLimits(app: OpenAPIHono<AppEnv>): void {
  // Certificate checks: the page a QR code opens, its JSON twin and the signed-payload check share
  // one budget (opening the page with a payload makes both calls).
  app.use('/verify/*', rateLimit('verify', byClient, { page: true }));
  app.use('/api/certificates/*/verify', rateLimit('verify', byClient));
  app.use('/api/certificates/verify-payload', rateLimit('verify', byClient));
  // Link buttons: each redirect writes a click.
  app.use('/c/*', rateLimit('links', byClient, { page: true }));
  // Tip-offs without sign-in: submissions are rationed per client network and for everyone; each
  // receipt route counts wrong receipts (404) and refuses a locked-out network before it tries.
  app.use('/api/public/tips', onlyPost(rateLimit('tip_submissions', byClient)));
  const wrongReceipt = failureLimit('tip_receipt_failures', byClient, {
    checkFirst: true,
    isFailure: (res) => res.status === 404,
  });
  for (const path of ['lookup', 'messages', 'attachments', 'reward/claim'])
    app.use(`/api/public/tips/${path}`, wrongReceipt);
  app.use('/api/tips/notifications', wrongReceipt);
  app.use('/api/tips/notifications/state', wrongReceipt);
  app.use('/api/public/tips/receipt/verify', rateLimit('verify', byClient));
  // Failed sign-ins: every 401 under /api is a missing, forged or expired init data.
  app.use('/api/*', failureLimit('auth_failures', byClient));
  // Desk sign-in links that are unknown, spent or expired: a locked-out network is refused first.
  app.use('/desk/sign-in', failureLimit('auth_failures', byClient, { page: true, checkFirst: true }));
  // Wrong webhook secrets. Telegram with the right secret is never counted nor refused.
  app.use('/telegram/webhook', failureLimit('webhook_failures', byClient));
}

/** The middleware for POST only (a path that also answers GET). */
function onlyPost(mw: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => (c.req.method === 'POST' ? mw(c, next) : next());
}
