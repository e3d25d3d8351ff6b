// The Limiter the Worker's services use: the RateLimiter Durable Object over RPC when the
// RATE_LIMITER binding exists (refusals remembered in the isolate until they expire), else one
// in-process table per isolate. Kept apart from the class, which imports cloudflare:workers.
import { type Limiter, LimiterUnavailableError, localLimiter } from '../core/rate-limit/limiter';
import type { RateLimitDecision, RateLimitRule } from '../core/rate-limit/rate-limit-table';
import { RefusalCache, withRefusalCache } from '../core/rate-limit/refusal-cache';

/** A limiter that does not answer within this is treated as unavailable (its policy decides). */
const RPC_TIMEOUT_MS = 1500;

type LimiterStub = Record<keyof Limiter, (rule: RateLimitRule, key: string) => Promise<RateLimitDecision>>;

const refusals = new RefusalCache();

export function durableObjectLimiter(namespace: DurableObjectNamespace): Limiter {
  const call =
    (method: keyof Limiter) =>
    async (rule: RateLimitRule, key: string): Promise<RateLimitDecision> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('rate limiter timed out')), RPC_TIMEOUT_MS);
      });
      try {
        // Inside the try: a namespace that throws while naming the object is as unreachable as one that times out.
        const stub = namespace.get(namespace.idFromName(rule.name)) as unknown as LimiterStub;
        return await Promise.race([stub[method](rule, key), timeout]);
      } catch (e) {
        throw new LimiterUnavailableError({ cause: e });
      } finally {
        clearTimeout(timer);
      }
    };
  return withRefusalCache({ consume: call('consume'), check: call('check'), fail: call('fail') }, refusals);
}

let processTable: Limiter | undefined;

/** One table per isolate: exact as long as a single process serves (Node, one local Worker). */
export function processLimiter(): Limiter {
  processTable ??= localLimiter();
  return processTable;
}
