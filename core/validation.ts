// zod issues → the FieldIssue list of an AppError('validation_failed'). Messages are i18n keys
// ('namespace:key'), translated by each transport in the person's language; zod's own English
// messages are replaced by generic localized ones per issue code.
import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors';

const I18N_KEY = /^[a-z][a-zA-Z]*:[\w.]+$/;

export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (I18N_KEY.test(issue.message)) return { path, message: issue.message };
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
    const code = GENERIC_CODES.has(issue.code) ? issue.code : 'invalid';
    const sized = (code === 'too_small' || code === 'too_big') && 'origin' in issue ? `_${issue.origin}` : '';
    return { path, message: `errors:field.${code}${SIZED_ORIGINS.has(sized) ? sized : ''}`, params };
  });
}

const GENERIC_CODES = new Set([
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
]);
const SIZED_ORIGINS = new Set(['_string', '_array', '_number']);

/** Parses with `schema` or throws validation_failed listing every problem at once (一次性告知). */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError('validation_failed', { fields: issuesToFields(result.error.issues) });
  return result.data;
}
