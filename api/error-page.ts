// A small HTML page for an error on a page people open in a browser (the verification page, link
// buttons): the same localized message as the JSON error, with the request id to quote.
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError, ErrorCode } from '../core/errors';
import { translator } from '../core/i18n';
import type { AppEnv } from './context';
import { requestLanguage } from './errors';

export function errorPage(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  const language = requestLanguage(c);
  const t = translator(language);
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  c.header('Cache-Control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t('common:appName')}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:16px;background:#f4f4f5;color:#18181b}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px #0002}
small{color:#71717a}</style></head>
<body><main><h1>${t('common:appName')}</h1><p role="alert">${t(`errors:${error.code satisfies ErrorCode}`, error.params ?? {})}</p>
<small>${c.get('requestId')}</small></main></body></html>`,
    error.status as ContentfulStatusCode,
  );
}
