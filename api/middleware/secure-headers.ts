// Security headers on every response, from Hono's secureHeaders (nosniff, Referrer-Policy no-referrer,
// HSTS, COOP, …) with a Content-Security-Policy that allows what the pages need and nothing else: the
// mini app loads only its own scripts and styles (no telegram-web-app.js: miniprogram/src/telegram
// talks to the client itself), shows photos (and, at a desk, PDFs in a frame) from blob: URLs, and may be framed only by Telegram's web
// clients. A handler that sets its own header keeps it (downloads use a sandbox policy).
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Telegram Web (web.telegram.org/k/, /a/ and its subdomains) hosts mini apps in an iframe. */
export const TELEGRAM_WEB_ORIGINS = ['https://web.telegram.org', 'https://*.web.telegram.org'];

const policy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  // An officer at a desk reads a PDF in the page: the browser's viewer in a frame of a blob: URL.
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'", ...TELEGRAM_WEB_ORIGINS],
};

/** Every response: the mini app's policy; X-Frame-Options off, since it cannot name Telegram's origins. */
export const securityHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: policy,
  xFrameOptions: false,
  overwrite: false,
});

/**
 * The mini app's HTML shell: a public page with no secrets, so any embedder may load it (Telegram Web
 * may isolate its frames with Cross-Origin-Embedder-Policy, which needs this to show the app).
 */
export const miniAppHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: policy,
  xFrameOptions: false,
  crossOriginResourcePolicy: 'cross-origin',
  overwrite: false,
});

/**
 * Pages the Worker renders itself (the public verification page, the dev login): no inline script
 * (a page's script is a file), inline styles allowed (server-rendered, escaped markup), never framed —
 * a certificate check shown inside someone else's page could be dressed up as something it is not.
 */
export const serverPageHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: { ...policy, styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  overwrite: false,
});
