// The governor's pure scheduling rules: one global rate in any sliding second (plus observed lag),
// at most one message per chat per second, held chats after a 429, a global pause on a flood of them,
// refunds of slots Telegram did not take, and bounded memory.
import { describe, expect, it } from 'vitest';
import { SlotScheduler } from '../../../core/campaigns/slot-scheduler';

/** Grants for `chats`, asking again at retryAt until every chat has a slot (simulated time). */
function scheduleAll(s: SlotScheduler, chats: number[], start = 1_000_000) {
  const grants: { chatId: number; at: number; slotId: number }[] = [];
  let now = start;
  let queue = [...chats];
  for (let round = 0; queue.length > 0 && round < 100_000; round++) {
    const r = s.acquire(queue, now);
    grants.push(...r.grants);
    const got = new Set(r.grants.map((g) => g.chatId));
    queue = queue.filter((c) => !got.has(c));
    now = Math.max(now + 1, r.retryAt);
  }
  return grants;
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('SlotScheduler', () => {
  it('never grants more than the rate in any one-second window, spacing slots evenly', () => {
    const s = new SlotScheduler({ ratePerSecond: 30, maxMarginMs: 10 });
    const grants = scheduleAll(
      s,
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    expect(grants).toHaveLength(300);
    expect(
      maxInAnyWindow(
        grants.map((g) => g.at),
        1000,
      ),
    ).toBeLessThanOrEqual(30);
    const gaps = grants.slice(1).map((g, i) => g.at - grants[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 30);
    // Close to the rate, not far below it: 300 slots take about ten seconds.
    const span = grants.at(-1)!.at - grants[0]!.at;
    expect(span).toBeLessThan(10_500);
  });

  it('keeps two messages to one chat at least a second apart', () => {
    const s = new SlotScheduler({ ratePerSecond: 100 });
    const first = s.acquire([7], 0);
    expect(first.grants).toHaveLength(1);
    const again = s.acquire([7, 8], 10);
    expect(again.grants.map((g) => g.chatId)).toEqual([8]);
    expect(again.deferred[0]).toMatchObject({ chatId: 7 });
    expect(again.deferred[0]!.notBefore).toBeGreaterThanOrEqual(first.grants[0]!.at + 1000);
  });

  it('hands out slots only a short horizon ahead, so a pause takes effect quickly', () => {
    const s = new SlotScheduler({ ratePerSecond: 10, horizonMs: 500 });
    const r = s.acquire(
      Array.from({ length: 50 }, (_, i) => i),
      0,
    );
    expect(r.grants.length).toBeLessThanOrEqual(6);
    expect(r.retryAt).toBeGreaterThan(0);
  });

  it('is cautious until sends are measured, then widens the window by their lateness and jitter only', () => {
    const s = new SlotScheduler({ ratePerSecond: 100, minMarginMs: 10, maxMarginMs: 100, horizonMs: 5000 });
    expect(s.marginMs(0)).toBe(100);
    const onTime = (from: number) =>
      s
        .acquire(
          Array.from({ length: 12 }, (_, i) => from + i),
          from,
        )
        .grants.map((g) => ({ ...g, sentAt: g.at, completedAt: g.at + 2, outcome: 'sent' as const }));
    s.report(onTime(0), 200);
    expect(s.marginMs(200)).toBe(10);
    const [late] = s.acquire([500], 300).grants;
    s.report([{ ...late!, sentAt: late!.at + 80, completedAt: late!.at + 82, outcome: 'sent' }], 400);
    expect(s.marginMs(400)).toBe(80);
    s.report(onTime(10_000), 10_200);
    expect(s.marginMs(10_200)).toBe(10);
  });

  it('holds a chat that got a 429 for retry_after, without slowing everyone else', () => {
    const s = new SlotScheduler({ ratePerSecond: 30 });
    const [g] = s.acquire([1, 2], 0).grants;
    s.report([{ ...g!, completedAt: 20, outcome: 'rate_limited', retryAfterMs: 5000 }], 20);
    const r = s.acquire([1, 3], 100);
    expect(r.grants.map((x) => x.chatId)).toEqual([3]);
    expect(r.deferred).toEqual([{ chatId: 1, notBefore: 5020 }]);
    expect(r.grants[0]!.at).toBeLessThan(200);
  });

  it('pauses everyone when 429s come from many chats at once (the bot-wide flood limit)', () => {
    const s = new SlotScheduler({ ratePerSecond: 30 });
    const grants = s.acquire([1, 2, 3, 4, 5, 6, 7, 8], 0).grants;
    s.report(
      grants
        .slice(0, 6)
        .map((g) => ({ ...g, completedAt: 300, outcome: 'rate_limited' as const, retryAfterMs: 3000 })),
      300,
    );
    const r = s.acquire([20], 400);
    expect(r.grants).toEqual([]);
    expect(r.retryAt).toBeGreaterThan(2000);
  });

  it('gives back the slot of a message Telegram did not take (5xx), without exceeding the window', () => {
    const s = new SlotScheduler({ ratePerSecond: 10, horizonMs: 2000 });
    const before = s.acquire(
      Array.from({ length: 20 }, (_, i) => i),
      0,
    ).grants;
    s.report(
      before.slice(0, 3).map((g) => ({ ...g, completedAt: g.at + 5, outcome: 'not_sent' as const })),
      100,
    );
    const after = s.acquire(
      Array.from({ length: 20 }, (_, i) => 100 + i),
      200,
    ).grants;
    const kept = [...before.slice(3), ...after].map((g) => g.at);
    expect(maxInAnyWindow(kept, 1000)).toBeLessThanOrEqual(10);
  });

  it('forgets chats and slots that no longer matter (memory does not grow with the audience)', () => {
    const s = new SlotScheduler({ ratePerSecond: 50 });
    scheduleAll(
      s,
      Array.from({ length: 5000 }, (_, i) => i),
    );
    const { window, chats } = s.size();
    expect(window).toBeLessThan(200);
    expect(chats).toBeLessThan(400);
  });
});
