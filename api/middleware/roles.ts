import type { MiddlewareHandler } from 'hono';
import { assertRole } from '../../core/auth/actor';
import type { OfficerRole } from '../../db/schema';
import type { AppEnv } from '../context';

/**
 * Officer-only routes: 403 unless the signed-in person holds one of `roles`. Scope (which villages)
 * is checked per record by the use case, which knows the record's village.
 */
export function requireRole(...roles: OfficerRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertRole(c.get('actor'), roles);
    await next();
  };
}
