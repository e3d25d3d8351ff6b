// The limiter's pure counting rules with a fake clock: budgets per key and window, the global cap,
// failures mode with doubling lockouts, exact Retry-After values and bounded memory.
import { describe, expect, it } from 'vitest';
import {
  OVERFLOW_KEY,
  type RateLimitDecision,
  type RateLimitRule,
  RateLimitTable,
} from '../../../core/rate-limit/rate-limit-table';

const MINUTE = 60_000;
const requests: RateLimitRule = { name: 'verify', mode: 'requests', limit: 3, windowMs: MINUTE };
const failures: RateLimitRule = {
  name: 'auth',
  mode: 'failures',
  limit: 3,
  windowMs: MINUTE,
  maxLockoutMs: 8 * MINUTE,
};

const allowedCount = (ds: RateLimitDecision[]) => ds.filter((d) => d.allowed).length;
const retryAfter = (d: RateLimitDecision) => (d.allowed ? null : d.retryAfterMs);

describe('a requests policy', () => {
  it('lets a key spend its budget, then refuses until its window is over, with the exact wait', () => {
    const t = new RateLimitTable();
    const start = 1_000_000;
    const first = [0, 1, 2].map((i) => t.consume(requests, 'a', start + i * 1000));
    expect(first.map((d) => d.allowed)).toEqual([true, true, true]);
    expect(first.map((d) => (d.allowed ? d.remaining : -1))).toEqual([2, 1, 0]);
    const refused = t.consume(requests, 'a', start + 10_000);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 50_000, scope: 'key', first: true });
    expect(t.consume(requests, 'a', start + 59_999)).toMatchObject({
      allowed: false,
      retryAfterMs: 1,
      first: false,
    });
    // The window started at the key's first request: a minute later it has its whole budget again.
    expect(allowedCount([0, 1, 2, 3].map(() => t.consume(requests, 'a', start + MINUTE)))).toBe(3);
  });

  it('counts each key on its own', () => {
    const t = new RateLimitTable();
    for (let i = 0; i < 5; i++) t.consume(requests, 'a', 0);
    expect(t.consume(requests, 'b', 0).allowed).toBe(true);
    expect(t.consume({ ...requests, name: 'other' }, 'a', 0).allowed).toBe(true);
  });

  it('does not spend anything on a refused request, nor on a check', () => {
    const t = new RateLimitTable();
    const capped = { ...requests, globalLimit: 4 };
    for (let i = 0; i < 10; i++) t.consume(capped, 'a', 0);
    expect(t.check(capped, 'b', 0)).toEqual({ allowed: true, remaining: 3 });
    // 'a' spent 3 and was refused 7 times: one unit of the global cap is left, for 'b'.
    expect(t.consume(capped, 'b', 0).allowed).toBe(true);
    expect(t.consume(capped, 'c', 0)).toMatchObject({ allowed: false, scope: 'global' });
  });
});

describe('the global cap', () => {
  it('stops many keys together and tells each when the policy window is over', () => {
    const t = new RateLimitTable();
    const capped = { ...requests, limit: 100, globalLimit: 10 };
    const decisions = Array.from({ length: 30 }, (_, i) => t.consume(capped, `k${i}`, 5000 + i));
    expect(allowedCount(decisions)).toBe(10);
    const refused = decisions[10]!;
    expect(refused).toEqual({ allowed: false, retryAfterMs: MINUTE - 10, scope: 'global', first: true });
    expect(decisions.slice(11).every((d) => !d.allowed && !d.first)).toBe(true);
    expect(t.consume(capped, 'new', 5000 + MINUTE).allowed).toBe(true);
  });
});

describe('a failures policy', () => {
  it('answers the failures within budget as usual, then locks the key out for one window', () => {
    const t = new RateLimitTable();
    const ds = [0, 1, 2].map((i) => t.fail(failures, 'ip', i * 1000));
    expect(ds.every((d) => d.allowed)).toBe(true);
    // The third failure spent the budget at t=2 s: locked for a window from then.
    expect(t.fail(failures, 'ip', 3000)).toEqual({
      allowed: false,
      retryAfterMs: MINUTE - 1000,
      scope: 'key',
      first: true,
    });
    expect(t.check(failures, 'ip', 4000)).toMatchObject({
      allowed: false,
      retryAfterMs: MINUTE - 2000,
      first: false,
    });
    expect(t.check(failures, 'ip', 2000 + MINUTE)).toEqual({ allowed: true, remaining: 3 });
  });

  it('never counts a check, so callers that succeed are never locked out', () => {
    const t = new RateLimitTable();
    for (let i = 0; i < 100; i++) expect(t.check(failures, 'ip', i).allowed).toBe(true);
    expect(t.keys('auth')).toEqual([]);
  });

  it('doubles the lockout each time the key comes back failing, up to the maximum', () => {
    const t = new RateLimitTable();
    let now = 0;
    const lockouts: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 3; i++) t.fail(failures, 'ip', now);
      const refused = t.check(failures, 'ip', now);
      lockouts.push(retryAfter(refused)! / MINUTE);
      now += retryAfter(refused)!;
    }
    expect(lockouts).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it('forgets past lockouts once the key stayed quiet for the longest lockout', () => {
    const t = new RateLimitTable();
    for (let i = 0; i < 3; i++) t.fail(failures, 'ip', 0);
    for (let i = 0; i < 3; i++) t.fail(failures, 'ip', MINUTE);
    expect(retryAfter(t.check(failures, 'ip', MINUTE))).toBe(2 * MINUTE);
    const quiet = 3 * MINUTE + 8 * MINUTE;
    for (let i = 0; i < 3; i++) t.fail(failures, 'ip', quiet);
    expect(retryAfter(t.check(failures, 'ip', quiet))).toBe(MINUTE);
  });

  it('refuses every key once the failures of all keys reach the global cap', () => {
    const t = new RateLimitTable();
    const capped = { ...failures, limit: 100, globalLimit: 5 };
    for (let i = 0; i < 5; i++) expect(t.fail(capped, `k${i}`, 1000).allowed).toBe(true);
    expect(t.check(capped, 'someone-else', 2000)).toMatchObject({
      allowed: false,
      scope: 'global',
      retryAfterMs: MINUTE - 1000,
    });
    expect(t.check(capped, 'someone-else', 1000 + MINUTE).allowed).toBe(true);
  });
});

describe('memory', () => {
  it('drops keys whose window is over and remembers at most maxKeys, newcomers sharing one budget', () => {
    const t = new RateLimitTable({ maxKeys: 100 });
    for (let i = 0; i < 100; i++) t.consume(requests, `k${i}`, 0);
    // Full: 50 more newcomers within the window share the overflow key's budget of 3.
    const late = Array.from({ length: 50 }, (_, i) => t.consume(requests, `late${i}`, 10));
    expect(allowedCount(late)).toBe(3);
    expect(t.keys('verify')).toHaveLength(101);
    expect(t.keys('verify')).toContain(OVERFLOW_KEY);
    // A window later every old key is swept on the next call.
    t.consume(requests, 'fresh', MINUTE + 10);
    expect(t.keys('verify')).toEqual(['fresh']);
  });

  it('keeps a locked-out key until its lockout and the memory of it are over', () => {
    const t = new RateLimitTable();
    for (let i = 0; i < 3; i++) t.fail(failures, 'ip', 0);
    t.fail(failures, 'other', 2 * MINUTE);
    expect(t.keys('auth').sort()).toEqual(['ip', 'other']);
    t.fail(failures, 'other', 10 * MINUTE);
    expect(t.keys('auth')).toEqual(['other']);
  });
});
