// Zod primitives shared by every schema that takes a number or a list from outside: ids and counts
// bound for Postgres int4 columns, and comma-separated lists in query strings. One definition, so a
// new field cannot forget the int4 bound. Browser-safe: zod and core/input-guard.ts only.
import { z } from 'zod';
import { INT4_MAX } from './input-guard';

/** A serial id (villages, deliveries) in a JSON body: a positive int4. */
export const ZId = z.number().int().positive().max(INT4_MAX);
/** The same id in a path parameter or a query value (a string of digits). */
export const ZIdString = z.coerce.number().int().positive().max(INT4_MAX);
/** A count, version or sort key in a JSON body: a non-negative int4 (narrow it further with .max()). */
export const ZInt32 = z.number().int().min(0).max(INT4_MAX);

/** `a,b,c` in a query string → the parsed items (empty or absent → []), at most `max` of them. */
export function zCommaList<T extends z.ZodType>(item: T, max: number) {
  // The items are strings after the split; the cast tells the types what the pipe receives.
  const items = z.array(item).max(max) as unknown as z.ZodType<z.output<T>[], string[]>;
  return z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(items);
}
