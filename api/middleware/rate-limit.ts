// Rate limits at the HTTP edge: `rateLimit` spends one request of a policy's budget before the
// route runs; `failureLimit` counts only the answers that failed (401), so valid traffic never pays.
// Refusals are 429 `rate_limited` with Retry-After and a localized message (a small page where a
// browser opened the URL). Who is counted goes through a keyed hash first (core/rate-limit/limit-key).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppError } from '../../core/errors';
import { clientNetwork } from '../../core/rate-limit/limit-key';
import type { Limiter } from '../../core/rate-limit/limiter';
import type { RateLimitPolicyName } from '../../core/rate-limit/policies';
import { spendRateLimit } from '../../core/rate-limit/spend-rate-limit';
import type { AppEnv } from '../context';
import { errorPage } from '../error-page';

/** Who a request counts against, before hashing: 'ip:…' or 'user:…'. */
export type Identity = (c: Context<AppEnv>) => string;

/** Anonymous callers: their network (IPv4 address, IPv6 /64) from Cloudflare's CF-Connecting-IP. */
export const byClient: Identity = (c) => `ip:${clientNetwork(c.req.header('CF-Connecting-IP'))}`;

/** Signed-in callers (after requireUser): the person, with a budget of their own per `action`. */
export const byUser =
  (action: string): Identity =>
  (c) =>
    `user:${c.get('actor').userId}:${action}`;

interface Options {
  /** Answer refusals with a small HTML page instead of JSON (URLs people open in a browser). */
  page?: boolean;
}

/** Spends one request of `policy` per call; over the budget → 429 before the route runs. */
export function rateLimit(
  policy: RateLimitPolicyName,
  identity: Identity,
  options: Options = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refused = await ask(c, policy, identity, 'consume', options);
    if (refused) return refused;
    await next();
  };
}

/**
 * Counts failed attempts only (default: a 401 answer). With `checkFirst`, a key that is locked out is
 * refused before the attempt (for lookups where the attempt itself is what must be rationed);
 * without it the attempt always runs — a valid caller sharing an address with an attacker still gets
 * through — and only the failed answer becomes a 429 once the key is over its budget.
 */
export function failureLimit(
  policy: RateLimitPolicyName,
  identity: Identity,
  options: Options & { checkFirst?: boolean; isFailure?: (res: Response) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  const isFailure = options.isFailure ?? ((res: Response) => res.status === 401);
  return async (c, next) => {
    if (options.checkFirst) {
      const refused = await ask(c, policy, identity, 'check', options);
      if (refused) return refused;
    }
    await next();
    if (!isFailure(c.res)) return;
    const refused = await ask(c, policy, identity, 'fail', options);
    if (refused) c.res = refused;
  };
}

/** The refusal to answer with, or null to go on. */
async function ask(
  c: Context<AppEnv>,
  policy: RateLimitPolicyName,
  identity: Identity,
  method: keyof Limiter,
  options: Options,
): Promise<Response | null> {
  const { deps, limiter } = c.get('services');
  const refusal = await spendRateLimit({
    limiter: limiter(),
    settings: deps.config.rateLimits,
    policy,
    identity: identity(c),
    method,
    requestId: c.get('requestId'),
  });
  return refusal ? refuse(c, refusal, options) : null;
}

async function refuse(c: Context<AppEnv>, error: AppError, options: Options): Promise<Response> {
  if (options.page) return errorPage(c, error);
  throw error;
}
