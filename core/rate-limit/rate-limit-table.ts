// The rate limiter's counting, pure and in memory: fixed windows per (policy, key) and per policy
// (the global cap), plus a "failures" mode whose lockouts double. The Worker runs it inside the
// RateLimiter Durable Object (api/rate-limiter.ts); Node tests run the same class in-process. The
// clock is passed in on every call, so tests drive it without sleeping.
//
// Fixed windows that start at a key's first hit (not at clock boundaries) make the answer easy to
// state — "60 per minute, then wait until the minute since your first request is over" — and give an
// exact Retry-After; a key costs one small object, dropped once its window (and lockout) is over.

export interface RateLimitRule {
  /** The policy's name: counters of two policies never mix. */
  name: string;
  /**
   * 'requests': every request spends one (consume). 'failures': only failures spend (fail), a key
   * that spent its budget is locked out, and each further lockout lasts twice as long.
   */
  mode: 'requests' | 'failures';
  /** Requests (or failures) one key may spend per window. */
  limit: number;
  windowMs: number;
  /** Requests (or failures) of all keys together per window; none when absent. */
  globalLimit?: number;
  /** failures mode: the n-th lockout lasts windowMs × 2^(n-1), at most this (default 1 hour). */
  maxLockoutMs?: number;
}

export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      /** How long until this key may try again. */
      retryAfterMs: number;
      /** Whether the key's own budget or the policy's global cap refused it. */
      scope: 'key' | 'global';
      /** The first refusal of this window or lockout (the one worth a log line). */
      first: boolean;
    };

interface Counter {
  windowStart: number;
  count: number;
  /** failures mode: locked until then (0 = not locked). */
  lockedUntil: number;
  /** failures mode: lockouts so far; forgotten once the key stays quiet for maxLockoutMs. */
  strikes: number;
  refusals: number;
}

interface PolicyState {
  keys: Map<string, Counter>;
  global: Counter;
  lastSweep: number;
}

const DEFAULT_MAX_LOCKOUT_MS = 60 * 60 * 1000;
/** Where new keys go while the table is full: they share one budget instead of growing memory. */
export const OVERFLOW_KEY = '~overflow';

export class RateLimitTable {
  private readonly policies = new Map<string, PolicyState>();
  private readonly maxKeys: number;

  /** `maxKeys`: most keys remembered per policy (each is ~100 bytes). */
  constructor(options: { maxKeys?: number } = {}) {
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** 'requests' mode: spends one request of the key and of the global cap, or refuses without spending. */
  consume(rule: RateLimitRule, key: string, now: number): RateLimitDecision {
    const state = this.state(rule, now);
    const counter = this.counter(state, rule, key, now);
    const refused = this.refusal(rule, state, counter, now);
    if (refused) return refused;
    counter.count += 1;
    state.global.count += 1;
    return { allowed: true, remaining: rule.limit - counter.count };
  }

  /** Would the key be let through now? Spends nothing (failures mode: asked before the attempt). */
  check(rule: RateLimitRule, key: string, now: number): RateLimitDecision {
    const state = this.state(rule, now);
    const counter = state.keys.get(key);
    if (counter) this.roll(counter, rule, now);
    const refused = this.refusal(rule, state, counter, now);
    return refused ?? { allowed: true, remaining: rule.limit - (counter?.count ?? 0) };
  }

  /**
   * 'failures' mode: records one failure. The failure that spends the key's last unit starts a
   * lockout (this one is still answered as usual); failures during a lockout are refused, not counted.
   */
  fail(rule: RateLimitRule, key: string, now: number): RateLimitDecision {
    const state = this.state(rule, now);
    const counter = this.counter(state, rule, key, now);
    const refused = this.refusal(rule, state, counter, now);
    if (refused) return refused;
    counter.count += 1;
    state.global.count += 1;
    if (counter.count >= rule.limit) {
      counter.strikes += 1;
      const lockout = Math.min(rule.windowMs * 2 ** (counter.strikes - 1), maxLockout(rule));
      counter.lockedUntil = now + lockout;
      counter.refusals = 0;
    }
    return { allowed: true, remaining: Math.max(0, rule.limit - counter.count) };
  }

  /** Keys remembered for a policy (tests: bounded memory, and no raw identity among them). */
  keys(policy: string): string[] {
    return [...(this.policies.get(policy)?.keys.keys() ?? [])];
  }

  private refusal(
    rule: RateLimitRule,
    state: PolicyState,
    counter: Counter | undefined,
    now: number,
  ): RateLimitDecision | null {
    if (counter && counter.lockedUntil > now) return refuse(counter, 'key', counter.lockedUntil - now);
    if (counter && rule.mode === 'requests' && counter.count >= rule.limit)
      return refuse(counter, 'key', counter.windowStart + rule.windowMs - now);
    const { global } = state;
    if (rule.globalLimit !== undefined && global.count >= rule.globalLimit)
      return refuse(global, 'global', global.windowStart + rule.windowMs - now);
    return null;
  }

  private state(rule: RateLimitRule, now: number): PolicyState {
    let state = this.policies.get(rule.name);
    if (!state) {
      state = { keys: new Map(), global: newCounter(now), lastSweep: now };
      this.policies.set(rule.name, state);
    }
    this.roll(state.global, rule, now);
    // Once a window, drop every key whose window, lockout and memory of lockouts are over.
    if (now - state.lastSweep >= rule.windowMs) this.sweep(state, rule, now);
    return state;
  }

  private counter(state: PolicyState, rule: RateLimitRule, key: string, now: number): Counter {
    let counter = state.keys.get(key);
    if (counter) {
      this.roll(counter, rule, now);
      return counter;
    }
    if (state.keys.size >= this.maxKeys) this.sweep(state, rule, now);
    // Still full (a flood from very many addresses): newcomers share one budget, so memory stays
    // bounded and the flood is still throttled; keys already known keep their own.
    const slot = state.keys.size >= this.maxKeys ? OVERFLOW_KEY : key;
    counter = state.keys.get(slot);
    if (counter) {
      this.roll(counter, rule, now);
      return counter;
    }
    counter = newCounter(now);
    state.keys.set(slot, counter);
    return counter;
  }

  /** A new window once the old one (and any lockout) is over; the lockout count survives. */
  private roll(counter: Counter, rule: RateLimitRule, now: number): void {
    if (now >= counter.windowStart + rule.windowMs && now >= counter.lockedUntil) {
      counter.windowStart = now;
      counter.count = 0;
      counter.refusals = 0;
      if (counter.strikes > 0 && now >= counter.lockedUntil + maxLockout(rule)) counter.strikes = 0;
    }
  }

  private sweep(state: PolicyState, rule: RateLimitRule, now: number): void {
    state.lastSweep = now;
    for (const [key, c] of state.keys) {
      const windowOver = now >= c.windowStart + rule.windowMs && now >= c.lockedUntil;
      const forgotten = c.strikes === 0 || now >= c.lockedUntil + maxLockout(rule);
      if (windowOver && forgotten) state.keys.delete(key);
    }
  }
}

function newCounter(now: number): Counter {
  return { windowStart: now, count: 0, lockedUntil: 0, strikes: 0, refusals: 0 };
}

function maxLockout(rule: RateLimitRule): number {
  return rule.maxLockoutMs ?? DEFAULT_MAX_LOCKOUT_MS;
}

function refuse(counter: Counter, scope: 'key' | 'global', retryAfterMs: number): RateLimitDecision {
  counter.refusals += 1;
  return { allowed: false, retryAfterMs: Math.max(1, retryAfterMs), scope, first: counter.refusals === 1 };
}
