// Which paths are rate limited under which policy (core/rate-limit/policies.ts): everything anonymous
// that costs the database or a signature check, and every failed sign-in. Registered before the
// routes, by path pattern, so route files stay as they are. Signed-in limits (uploads, costly calls)
// need the person and sit after requireUser: api/middleware/upload-limit.ts and the routes of the
// test send, the certificate PDF and the audience count.
import type { OpenAPIHono } from '@hono/zod-openapi';
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
  // Failed sign-ins: every 401 under /api is a missing, forged or expired init data.
  app.use('/api/*', failureLimit('auth_failures', byClient));
  // Desk sign-in links that are unknown, spent or expired: a locked-out network is refused first.
  app.use('/desk/sign-in', failureLimit('auth_failures', byClient, { page: true, checkFirst: true }));
  // Wrong webhook secrets. Telegram with the right secret is never counted nor refused.
  app.use('/telegram/webhook', failureLimit('webhook_failures', byClient));
}
