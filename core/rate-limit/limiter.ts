// The port through which transports ask "may this key go on?". In the Worker it is the RateLimiter
// Durable Object (one instance per policy, so every isolate shares one count); in Node tests and
// where the binding is missing it is the same RateLimitTable in-process.
import { type RateLimitDecision, type RateLimitRule, RateLimitTable } from './rate-limit-table';

export interface Limiter {
  /** 'requests' policies: spend one request (or be refused without spending). */
  consume(rule: RateLimitRule, key: string): Promise<RateLimitDecision>;
  /** Ask before an attempt whether the key is locked out or the policy's cap is reached; spends nothing. */
  check(rule: RateLimitRule, key: string): Promise<RateLimitDecision>;
  /** 'failures' policies: record one failure; refused while the key is locked out. */
  fail(rule: RateLimitRule, key: string): Promise<RateLimitDecision>;
}

/** Thrown by a limiter that cannot be reached; each policy decides whether to fail open or closed. */
export class LimiterUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('rate limiter unavailable', options);
    this.name = 'LimiterUnavailableError';
  }
}

/** A limiter in this process: exact for one process (tests, a single local Worker isolate). */
export function localLimiter(
  options: { now?: () => number; maxKeys?: number } = {},
): Limiter & { table: RateLimitTable } {
  const table = new RateLimitTable({ maxKeys: options.maxKeys });
  const now = options.now ?? Date.now;
  return {
    table,
    consume: async (rule, key) => table.consume(rule, key, now()),
    check: async (rule, key) => table.check(rule, key, now()),
    fail: async (rule, key) => table.fail(rule, key, now()),
  };
}
