// The one error shape of the API: { error: { code, message, requestId, fields? } }, message localized.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../core/errors';
import { type Language, languageFromTelegram, translator } from '../core/i18n';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../core/infra-errors';
import { errorSummary, logEvent } from '../core/log';
import type { AppEnv } from './context';

/**
 * Postgres data errors only a value from outside can cause (bad text encoding, NUL, a number or
 * date out of range, a value too long for its column or index). The edge guard refuses these
 * first; if one slips past it, the person still gets a 400, and the hole is logged as a warning.
 */
const BAD_INPUT_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '54000']);

export function requestLanguage(c: Context<AppEnv>): Language {
  const chosen = c.get('language');
  if (chosen) return chosen;
  const accept = c.req.header('Accept-Language')?.split(',')[0]?.split(';')[0]?.trim();
  return languageFromTelegram(accept);
}

export function errorBody(
  c: Context<AppEnv>,
  code: ErrorCode | 'route_not_found',
  extra: object = {},
  params: Record<string, string | number> = {},
) {
  const t = translator(requestLanguage(c), 'errors');
  return { error: { code, message: t(code, params), requestId: c.get('requestId'), ...extra } };
}

function statusCode(code: ErrorCode): ContentfulStatusCode {
  return new AppError(code).status as ContentfulStatusCode;
}

export function onError(err: Error, c: Context<AppEnv>) {
  // A generic 500 that only wraps a lost connection is the database being away, handled below.
  if (err instanceof AppError && !(err.status === 500 && isDatabaseUnavailable(err.cause))) {
    const t = translator(requestLanguage(c));
    const extra = {
      ...(err.fields
        ? { fields: err.fields.map((f) => ({ path: f.path, message: t(f.message, f.params ?? {}) })) }
        : {}),
      // Configuration problems name the variables (never their values), so the operator can fix them.
      ...(err.code === 'config_invalid' ? { detail: err.message } : {}),
    };
    // Every 503 says when to come back (Telegram and the mini app retry; nothing is "broken").
    const retryAfter =
      err.retryAfterSeconds ?? (err.status === 503 ? DATABASE_RETRY_AFTER_SECONDS : undefined);
    if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
    return c.json(errorBody(c, err.code, extra, err.params), statusCode(err.code));
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode =
      status === 401
        ? 'unauthorized'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not_found'
            : status === 413
              ? 'payload_too_large'
              : status < 500
                ? 'bad_request'
                : 'internal';
    return c.json(errorBody(c, code), status as ContentfulStatusCode);
  }
  const summary = errorSummary(err);
  if (isDatabaseUnavailable(err)) {
    // Transient: the caller tries again (Telegram redelivers the update, the mini app offers a retry).
    logEvent('warn', 'database unavailable', {
      requestId: c.get('requestId'),
      path: c.req.routePath,
      ...summary,
    });
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return c.json(errorBody(c, 'database_unavailable'), 503);
  }
  if (summary.code && BAD_INPUT_CODES.has(summary.code)) {
    // The code and the route only: the driver's message may quote the value.
    logEvent('warn', 'input refused by the database', {
      requestId: c.get('requestId'),
      path: c.req.routePath,
      ...summary,
    });
    return c.json(errorBody(c, 'bad_request'), 400);
  }
  logEvent('error', 'unhandled error', { requestId: c.get('requestId'), path: c.req.routePath, ...summary });
  return c.json(errorBody(c, 'internal'), 500);
}
