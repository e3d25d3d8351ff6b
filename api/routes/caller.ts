import type { Context } from 'hono';
import type { AppEnv } from '../context';

/** What every signed-in use case takes from the request: the request's deps and who is acting. */
export function caller(c: Context<AppEnv>) {
  return { deps: c.get('services').deps, actor: c.get('actor') };
}
