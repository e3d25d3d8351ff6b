// One question to the limiter for any transport (HTTP middleware, the bot): spend (or check, or
// record a failure) for one identity under one policy, and get the refusal to raise — 429
// rate_limited with the wait, or 503 when a fail-closed policy's limiter cannot be reached — or null.
import type { CoreConfig } from '../config';
import { AppError } from '../errors';
import { logEvent } from '../log';
import { limitKey } from './limit-key';
import { type Limiter, LimiterUnavailableError } from './limiter';
import type { RateLimitPolicyName } from './policies';

/** How long a client should wait when the limiter itself cannot be reached (fail-closed policies). */
const UNAVAILABLE_RETRY_SECONDS = 5;

export async function spendRateLimit(options: {
  limiter: Limiter;
  settings: CoreConfig['rateLimits'];
  policy: RateLimitPolicyName;
  /** Who is counted, before hashing: 'ip:…' or 'user:…'. Never logged. */
  identity: string;
  method?: keyof Limiter;
  requestId?: string;
}): Promise<AppError | null> {
  const { settings, requestId } = options;
  const policy = settings.policies[options.policy];
  const method = options.method ?? 'consume';
  try {
    const decision = await options.limiter[method](
      policy,
      await limitKey(settings.keySecret, options.identity),
    );
    if (decision.allowed) return null;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    // One line when a key (or the policy's cap) starts being refused, never one per refused request.
    if (decision.first)
      logEvent('warn', 'rate limited', { requestId, policy: options.policy, scope: decision.scope, seconds });
    return new AppError('rate_limited', { params: { seconds }, retryAfterSeconds: seconds });
  } catch (e) {
    if (!(e instanceof LimiterUnavailableError)) throw e;
    logEvent('warn', 'rate limiter unavailable', {
      requestId,
      policy: options.policy,
      failing: policy.whenUnavailable,
    });
    if (policy.whenUnavailable === 'open') return null;
    return new AppError('temporarily_unavailable', {
      params: { seconds: UNAVAILABLE_RETRY_SECONDS },
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
    });
  }
}
