// Remembers refusals in this isolate until they expire, so a flood from one key (or a policy at its
// global cap) is answered here without asking the Durable Object again. Exact, not an estimate: a
// refused request spends nothing, so not asking changes no count.
import type { Limiter } from './limiter';
import type { RateLimitDecision, RateLimitRule } from './rate-limit-table';

export class RefusalCache {
  private readonly until = new Map<string, { at: number; scope: 'key' | 'global' }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** A remembered refusal still in force for this key (or for the whole policy), else null. */
  refusal(rule: RateLimitRule, key: string, now: number): RateLimitDecision | null {
    for (const id of [globalId(rule), keyId(rule, key)]) {
      const entry = this.until.get(id);
      if (!entry) continue;
      if (entry.at > now)
        return { allowed: false, retryAfterMs: entry.at - now, scope: entry.scope, first: false };
      this.until.delete(id);
    }
    return null;
  }

  remember(rule: RateLimitRule, key: string, decision: RateLimitDecision, now: number): void {
    if (decision.allowed) return;
    if (this.until.size >= this.maxEntries) this.prune(now);
    // Full of live refusals: forget the oldest; the Durable Object still knows them.
    if (this.until.size >= this.maxEntries) this.until.delete(this.until.keys().next().value!);
    const id = decision.scope === 'global' ? globalId(rule) : keyId(rule, key);
    this.until.set(id, { at: now + decision.retryAfterMs, scope: decision.scope });
  }

  get size(): number {
    return this.until.size;
  }

  private prune(now: number): void {
    for (const [id, entry] of this.until) if (entry.at <= now) this.until.delete(id);
  }
}

const globalId = (rule: RateLimitRule) => `${rule.name}\n*`;
const keyId = (rule: RateLimitRule, key: string) => `${rule.name}\n${key}`;

/** `inner`, asked only when this isolate does not already know the answer is "no". */
export function withRefusalCache(inner: Limiter, cache: RefusalCache, now: () => number = Date.now): Limiter {
  const ask =
    (method: keyof Limiter) =>
    async (rule: RateLimitRule, key: string): Promise<RateLimitDecision> => {
      const known = cache.refusal(rule, key, now());
      if (known) return known;
      const decision = await inner[method](rule, key);
      cache.remember(rule, key, decision, now());
      return decision;
    };
  return { consume: ask('consume'), check: ask('check'), fail: ask('fail') };
}
