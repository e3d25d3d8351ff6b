// The edge guard: before any route runs, the decoded path, every query value and a JSON body must
// meet core/input-guard.ts (no NUL or lone surrogate, integers within int4, bounded length and
// depth), else the usual 400 validation_failed with field paths. The OpenAPI routes' defaultHook
// applies the same rules to what their schemas produced (coerced numbers, multipart fields), see
// `assertSafeInput`. Telegram's webhook is exempt: its ids exceed int4 and Telegram wrote its body.
import type { MiddlewareHandler } from 'hono';
import { AppError, type FieldIssue } from '../../core/errors';
import { findUnsafeValues, INPUT_LIMITS, textIssue } from '../../core/input-guard';
import type { AppEnv } from '../context';

const EXEMPT_PATHS = new Set(['/telegram/webhook']);
// The media types Hono's validator parses as JSON.
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export const inputGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  if (EXEMPT_PATHS.has(url.pathname)) return next();
  const issues = [...pathIssues(url.pathname), ...queryIssues(url.searchParams)];
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim() ?? '';
  if (JSON_MEDIA_TYPE.test(mediaType)) {
    // Refused before reading when the client says how big it is; measured after reading otherwise.
    if (Number(c.req.header('Content-Length') ?? 0) > INPUT_LIMITS.jsonChars * 4) tooLarge();
    issues.push(...(await jsonBodyIssues(c.req.raw)));
  }
  throwIfAny(issues);
  await next();
};

/** The same rules on a validated target (param, query, json, form); called by the defaultHook. */
export function assertSafeInput(data: unknown): void {
  throwIfAny(findUnsafeValues(data));
}

function tooLarge(): never {
  throw new AppError('request_too_large', { params: { maxKb: INPUT_LIMITS.jsonChars / 1024 } });
}

function throwIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

function pathIssues(pathname: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const segment of pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Malformed percent-encoding (e.g. an encoded lone surrogate): refused, not passed on raw.
      issues.push({ path: 'path', message: 'errors:field.invalidCharacters' });
      continue;
    }
    const issue = textIssue('path', decoded, INPUT_LIMITS.urlValueChars);
    if (issue) issues.push(issue);
  }
  return issues.slice(0, 1);
}

function queryIssues(params: URLSearchParams): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of params) {
    const issue =
      textIssue(key, key, INPUT_LIMITS.urlValueChars) ?? textIssue(key, value, INPUT_LIMITS.urlValueChars);
    if (issue && issues.length < INPUT_LIMITS.issues) issues.push(issue);
  }
  return issues;
}

/**
 * Reads a copy of the body (route middleware such as the upload limit still streams the original)
 * and checks its size and values. Malformed JSON is left to the validator: 400 bad_request.
 */
async function jsonBodyIssues(req: Request): Promise<FieldIssue[]> {
  const text = await req.clone().text();
  if (text.length > INPUT_LIMITS.jsonChars) tooLarge();
  if (text.trim() === '') return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  return findUnsafeValues(body);
}
