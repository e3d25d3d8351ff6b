// The rate limiter as a Durable Object: one instance per policy (idFromName(policy name)), so a hot
// policy — a verification flood — never slows sign-in or uploads. Counters live in memory only, never
// in storage: keys are hashes, and a restart merely forgets who was counted (at worst one window's
// budget again). The rule comes with each call, so a changed limit applies at once.
import { DurableObject } from 'cloudflare:workers';
import {
  type RateLimitDecision,
  type RateLimitRule,
  RateLimitTable,
} from '../core/rate-limit/rate-limit-table';

export class RateLimiter extends DurableObject {
  private readonly table = new RateLimitTable();

  consume(rule: RateLimitRule, key: string): RateLimitDecision {
    return this.table.consume(rule, key, Date.now());
  }

  check(rule: RateLimitRule, key: string): RateLimitDecision {
    return this.table.check(rule, key, Date.now());
  }

  fail(rule: RateLimitRule, key: string): RateLimitDecision {
    return this.table.fail(rule, key, Date.now());
  }

  /** The (hashed) keys this policy remembers: tests, and a look at memory. */
  keys(policy: string): string[] {
    return this.table.keys(policy);
  }
}
