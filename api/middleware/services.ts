import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { buildServices, type ServiceOptions } from '../services';

/** First middleware after the request id: puts the per-request services on the context. */
export function services(options: ServiceOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set(
      'services',
      buildServices(c.env, options, { requestId: c.get('requestId'), origin: new URL(c.req.url).origin }),
    );
    await next();
  };
}
