// Route guards derived from the policies: a route answers 403 unless the signed-in person could ever
// do the rule's action (its role-level part). Which record, village, owner or status is the use
// case's question, asked of the same rule.
import type { MiddlewareHandler } from 'hono';
import { couldEver, type Rule } from '../../core/auth/policy';
import { AppError } from '../../core/errors';
import type { AppEnv } from '../context';
import { requireUser } from './auth';
import { byUser, rateLimit } from './rate-limit';

export function guard<R>(rule: Rule<R>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!couldEver(rule, c.get('actor'))) throw new AppError('forbidden');
    await next();
  };
}

/** A signed-in route guarded by `rule`, as an OpenAPI route's security and middleware. */
export function signedIn<R>(rule: Rule<R>) {
  return { security: [{ tma: [] }], middleware: [requireUser, guard(rule)] };
}

/** `signedIn(rule)` whose calls also spend the person's budget of costly calls (`name`: one budget per call). */
export function costlySignedIn<R>(rule: Rule<R>, name: string) {
  const route = signedIn(rule);
  return { ...route, middleware: [...route.middleware, rateLimit('costly', byUser(name))] };
}
