// The rules every value from outside meets before any use case sees it, whatever its field: text
// Postgres can store (no NUL, no lone UTF-16 surrogate), integers an int4 column can hold, bounded
// length and nesting. Transports apply them once at the edge (api/middleware/input-guard.ts), so a
// field whose schema forgot a limit is refused with 400, never passed on to fail as a 500.
// Pure and browser-safe; the shared zod primitives for ids live in core/schema-primitives.ts.
import type { FieldIssue } from './errors';

/** Postgres `integer` (int4). Every integer the API takes is bound for one, or is smaller. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

export const INPUT_LIMITS = {
  /** Longest text in a JSON body or form field; the longest legitimate one is a campaign variant (8,192). */
  textChars: 16_384,
  /** Longest path segment or query value; ids, slugs, serials and comma lists are far shorter. */
  urlValueChars: 1_024,
  /** Deepest nesting of a JSON body; the deepest schema (a draft's spouse) is 3 levels down. */
  depth: 16,
  /** Longest JSON body (characters): three full guide texts, every character escaped, fit well under. */
  jsonChars: 512 * 1024,
  /** Issues reported for one request: enough to point at every field of a form, bounded for junk. */
  issues: 20,
} as const;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text Postgres refuses (NUL: 22021/22P05) or cannot encode as UTF-8 (a lone surrogate). */
export function hasForbiddenCharacters(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

/** The issue of one string, or undefined when it is acceptable. */
export function textIssue(path: string, s: string, maxChars: number): FieldIssue | undefined {
  if (hasForbiddenCharacters(s)) return { path, message: 'errors:field.invalidCharacters' };
  if (s.length > maxChars)
    return { path, message: 'errors:field.too_big_string', params: { maximum: maxChars } };
  return undefined;
}

/** The issue of one number, or undefined: non-finite numbers and integers outside int4 are refused. */
export function numberIssue(path: string, n: number): FieldIssue | undefined {
  if (Number.isNaN(n)) return { path, message: 'errors:field.invalid' };
  if (n > INT4_MAX) return { path, message: 'errors:field.too_big_number', params: { maximum: INT4_MAX } };
  if (n < INT4_MIN) return { path, message: 'errors:field.too_small_number', params: { minimum: INT4_MIN } };
  return undefined;
}

/**
 * Every problem of a parsed JSON value (or a form, or a zod output): keys and strings, numbers,
 * depth. Paths are dotted like zod's (`form.children.0.name`). Non-plain objects (File, Date) are
 * left to their schema.
 */
export function findUnsafeValues(
  value: unknown,
  options: { maxChars?: number; maxDepth?: number; prefix?: string } = {},
): FieldIssue[] {
  const maxChars = options.maxChars ?? INPUT_LIMITS.textChars;
  const maxDepth = options.maxDepth ?? INPUT_LIMITS.depth;
  const issues: FieldIssue[] = [];
  const add = (issue: FieldIssue | undefined) => {
    if (issue && issues.length < INPUT_LIMITS.issues) issues.push(issue);
  };
  const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

  const visit = (v: unknown, path: string, depth: number): void => {
    if (issues.length >= INPUT_LIMITS.issues) return;
    if (typeof v === 'string') add(textIssue(path, v, maxChars));
    else if (typeof v === 'number') add(numberIssue(path, v));
    else if (typeof v !== 'object' || v === null || !isPlain(v)) return;
    else if (depth >= maxDepth) add({ path, message: 'errors:field.tooDeep' });
    else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, join(path, i), depth + 1);
    } else {
      for (const [key, item] of Object.entries(v)) {
        if (hasForbiddenCharacters(key) || key.length > INPUT_LIMITS.urlValueChars)
          add({ path: join(path, '?'), message: 'errors:field.invalidCharacters' });
        else visit(item, join(path, key), depth + 1);
      }
    }
  };
  visit(value, options.prefix ?? '', 0);
  return issues;
}

/** Arrays and plain objects (also the prototype-less ones Hono builds for forms). */
function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return Array.isArray(v) || proto === Object.prototype || proto === null;
}
