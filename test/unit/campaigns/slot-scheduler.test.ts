// The governor's pure scheduling rules: never more than the rate in any second of *arrivals* at
// Telegram (which fall between a send's slot and its answer), at most one message per chat per second,
// held chats after a 429, a global pause on a flood of them, the capacity of refused messages used
// again at once, and bounded memory. Simulated time throughout.
import { describe, expect, it } from 'vitest';
import { type SlotGrant, type SlotReport, SlotScheduler } from '../../../core/campaigns/slot-scheduler';

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * Grants for `chats`, asking again at retryAt until every chat has a slot; each send leaves at its
 * slot and is answered `rttMs` later, reported when the next round starts after that.
 */
function scheduleAll(s: SlotScheduler, chats: number[], options: { start?: number; rttMs?: number } = {}) {
  const grants: SlotGrant[] = [];
  let now = options.start ?? 1_000_000;
  let queue = [...chats];
  let unreported: SlotReport[] = [];
  for (let round = 0; queue.length > 0 && round < 100_000; round++) {
    const due = unreported.filter((r) => r.completedAt! <= now);
    unreported = unreported.filter((r) => r.completedAt! > now);
    const r = s.acquire(queue, now, due);
    grants.push(...r.grants);
    for (const g of r.grants)
      unreported.push({ ...g, sentAt: g.at, completedAt: g.at + (options.rttMs ?? 2), outcome: 'sent' });
    const got = new Set(r.grants.map((g) => g.chatId));
    queue = queue.filter((c) => !got.has(c));
    now = Math.max(now + 1, Math.min(r.retryAt, ...unreported.map((u) => u.completedAt!)));
  }
  return grants;
}

/** The most arrivals in any window (t − windowMs, t], the way the limiter counts. */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[lo]! <= sorted[hi]! - windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * Consumers asking for slots at random moments; sends leave late (now and then very late), take a
 * random round trip (now and then a long one), are refused now and then, and are reported in random
 * groups up to 50 ms later; a refused send's consumer asks for a replacement. Returns when every
 * accepted message arrived at the three extremes of "somewhere between leaving and the answer".
 */
function simulate(options: { rate: number; seconds: number; refused: number; seed: number }) {
  const rnd = random(options.seed);
  const s = new SlotScheduler({ ratePerSecond: options.rate });
  const start = 1_000_000;
  let now = start;
  const events: { due: number; run: () => void }[] = [];
  const arrivals = { atSend: [] as number[], atAnswer: [] as number[], between: [] as number[] };
  let nextChat = 1;
  const consumers = Math.max(4, Math.ceil(options.rate / 50) * 2);
  const wake = new Array<number>(consumers).fill(now);
  const backlog = new Array<number>(consumers).fill(0);
  const send = (g: SlotGrant, consumer: number) => {
    const late = rnd() < 0.02 ? rnd() * 80 : rnd() * 2;
    const rtt = 0.5 + rnd() * (rnd() < 0.05 ? 60 : 4);
    const sentAt = Math.max(g.at, now) + late;
    const completedAt = sentAt + rtt;
    const refused = rnd() < options.refused;
    if (!refused) {
      arrivals.atSend.push(sentAt);
      arrivals.atAnswer.push(completedAt);
      arrivals.between.push(sentAt + rnd() * rtt);
    }
    events.push({
      due: completedAt + rnd() * 50,
      run: () => {
        const report: SlotReport = { ...g, sentAt, completedAt, outcome: refused ? 'not_sent' : 'sent' };
        const replacement =
          refused && backlog[consumer]! > 0 ? s.replace(nextChat, now, [report]) : s.report([report], now);
        if (replacement) {
          nextChat += 1;
          backlog[consumer]! -= 1;
          send(replacement, consumer);
        }
      },
    });
  };
  while (now < start + options.seconds * 1000) {
    for (const e of events.filter((x) => x.due <= now)) {
      events.splice(events.indexOf(e), 1);
      e.run();
    }
    for (let c = 0; c < consumers; c++) {
      if (wake[c]! > now) continue;
      if (backlog[c] === 0) backlog[c] = 50;
      const r = s.acquire(
        Array.from({ length: backlog[c]! }, (_, i) => nextChat + i),
        now,
      );
      nextChat += r.grants.length;
      backlog[c]! -= r.grants.length;
      for (const g of r.grants) send(g, c);
      wake[c] = r.grants.length > 0 ? now + 1 + rnd() * 20 : r.retryAt;
    }
    now += 0.25;
  }
  return { arrivals, scheduler: s, delivered: arrivals.atSend.length };
}

describe('SlotScheduler', () => {
  it.each([
    { rate: 30, seconds: 40, refused: 0.02 },
    { rate: 30, seconds: 40, refused: 0.2 },
    { rate: 1000, seconds: 6, refused: 0.02 },
    { rate: 1000, seconds: 6, refused: 0.1 },
  ])(
    'never lets more than the rate arrive in any second, whatever the lateness and round trips ($rate/s, $refused refused)',
    ({ rate, seconds, refused }) => {
      const { arrivals, delivered } = simulate({
        rate,
        seconds,
        refused,
        seed: rate + Math.round(refused * 100),
      });
      expect(maxInAnyWindow(arrivals.atSend, 1000)).toBeLessThanOrEqual(rate);
      expect(maxInAnyWindow(arrivals.atAnswer, 1000)).toBeLessThanOrEqual(rate);
      expect(maxInAnyWindow(arrivals.between, 1000)).toBeLessThanOrEqual(rate);
      // …and comes close to it: refused messages do not cost their slots.
      expect(delivered).toBeGreaterThan(rate * seconds * 0.95);
    },
  );

  it.each([
    { share: undefined, minGap: 0.8 * (1000 / 30) },
    { share: 1, minGap: 1000 / 30 },
  ])(
    'spaces slots (share $share) and keeps close to the rate when sends are answered promptly',
    ({ share, minGap }) => {
      const s = new SlotScheduler({ ratePerSecond: 30, minSpacingShare: share });
      const grants = scheduleAll(
        s,
        Array.from({ length: 300 }, (_, i) => i + 1),
      );
      expect(grants).toHaveLength(300);
      const gaps = grants.slice(1).map((g, i) => g.at - grants[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(minGap - 1e-9);
      expect(
        maxInAnyWindow(
          grants.map((g) => g.at),
          1000,
        ),
      ).toBeLessThanOrEqual(30);
      // 300 slots take about ten seconds: each send costs its round trip and the safety allowance only.
      const span = grants.at(-1)!.at - grants[0]!.at;
      expect(span).toBeLessThan(10_100);
    },
  );

  it('catches up after a stall without going over the rate in any second (strict spacing cannot)', () => {
    const run = (share: number) => {
      const s = new SlotScheduler({ ratePerSecond: 30, minSpacingShare: share });
      const before = scheduleAll(
        s,
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      // Every send was answered 2 ms after its slot; then the consumers stall for half a second and
      // come back with 60 more.
      const stallEnd = before.at(-1)!.at + 500;
      s.report(
        before.map((g) => ({ ...g, sentAt: g.at, completedAt: g.at + 2, outcome: 'sent' as const })),
        stallEnd,
      );
      const after = scheduleAll(
        s,
        Array.from({ length: 60 }, (_, i) => i + 61),
        { start: stallEnd },
      );
      const all = [...before, ...after].map((g) => g.at);
      expect(maxInAnyWindow(all, 1000)).toBeLessThanOrEqual(30);
      return after.at(-1)!.at - after[0]!.at;
    };
    const strict = run(1);
    const catchingUp = run(0.8);
    expect(strict).toBeGreaterThanOrEqual(59 * (1000 / 30) - 1e-6);
    expect(catchingUp).toBeLessThan(strict - 150);
  });

  it('counts a send as arriving until its answer is reported, then until a second after the answer', () => {
    const s = new SlotScheduler({ ratePerSecond: 10, horizonMs: 5000, safetyMs: 2 });
    const first = s.acquire(
      Array.from({ length: 20 }, (_, i) => i + 1),
      0,
    );
    expect(first.grants).toHaveLength(10);
    // Nothing answered yet: nothing more, and it is worth asking again soon.
    const waiting = s.acquire([100], 950);
    expect(waiting.grants).toEqual([]);
    expect(waiting.retryAt).toBeLessThanOrEqual(1050);
    // The second send came back in 5 ms: no round trip is shorter. The first was answered 80 ms after
    // its slot (it left 50 ms late, its round trip took 30 ms): Telegram counted it at most 75 ms
    // after its slot, in the frame where the quickest trip there takes no time.
    const [g, h] = first.grants;
    s.report([{ ...h!, sentAt: h!.at, completedAt: h!.at + 5, outcome: 'sent' }], 950);
    s.report([{ ...g!, sentAt: g!.at + 50, completedAt: g!.at + 80, outcome: 'sent' }], 950);
    const next = s.acquire([100], 950);
    expect(next.grants.map((x) => x.at)).toEqual([g!.at + 80 - 5 + 2 + 1000]);
  });

  it('charges a steady round trip nothing, only its jitter (a far-away Telegram costs no rate)', () => {
    // Every send takes 100 ms there and back, give or take 5 ms.
    const s = new SlotScheduler({ ratePerSecond: 30 });
    const rnd = random(7);
    const grants: SlotGrant[] = [];
    let now = 1_000_000;
    let queue = Array.from({ length: 600 }, (_, i) => i + 1);
    let pending: SlotReport[] = [];
    while (queue.length > 0) {
      const due = pending.filter((r) => r.completedAt! <= now);
      pending = pending.filter((r) => r.completedAt! > now);
      const r = s.acquire(queue, now, due);
      grants.push(...r.grants);
      for (const g of r.grants)
        pending.push({ ...g, sentAt: g.at, completedAt: g.at + 100 + rnd() * 5, outcome: 'sent' });
      const got = new Set(r.grants.map((g) => g.chatId));
      queue = queue.filter((c) => !got.has(c));
      now = Math.max(now + 1, Math.min(r.retryAt, ...pending.map((u) => u.completedAt!)));
    }
    // 600 messages at 30/s: 20 s at the full rate; a hold of the whole 100 ms would take 22 s.
    const span = (grants.at(-1)!.at - grants[0]!.at) / 1000;
    expect(span).toBeLessThan(20.5);
    expect(s.holdStats().meanMs).toBeLessThan(10);
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
    // Slots at least 80 ms apart (0.8 × 100 ms), none later than 500 ms: seven at the most.
    expect(r.grants.length).toBeLessThanOrEqual(7);
    expect(Math.max(...r.grants.map((g) => g.at))).toBeLessThanOrEqual(500);
    expect(r.retryAt).toBeGreaterThan(0);
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

  it('uses the capacity of a message Telegram did not take (5xx) at once, before the slots ahead', () => {
    // A full second handed out ahead.
    const s = new SlotScheduler({ ratePerSecond: 10, horizonMs: 950 });
    const before = s.acquire(
      Array.from({ length: 20 }, (_, i) => i),
      0,
    ).grants;
    expect(before).toHaveLength(10);
    const [refused, ...kept] = before;
    // Refused 4 ms after its slot, long before the next slots: another chat may go right now.
    const replacement = s.replace(100, 4, [{ ...refused!, sentAt: 0, completedAt: 4, outcome: 'not_sent' }]);
    expect(replacement).toMatchObject({ chatId: 100, at: 4 });
    // Only once: the capacity is used.
    expect(s.replace(101, 5)).toBeNull();
    expect(s.acquire([101], 5).grants).toEqual([]);
    const times = [...kept, replacement!].map((g) => g.at);
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(10);
  });

  it('gives the capacity of a refused message to the next request for slots', () => {
    const s = new SlotScheduler({ ratePerSecond: 10, horizonMs: 2000 });
    const before = s.acquire(
      Array.from({ length: 20 }, (_, i) => i),
      0,
    ).grants;
    s.report(
      before
        .slice(0, 3)
        .map((g) => ({ ...g, sentAt: g.at, completedAt: g.at + 5, outcome: 'not_sent' as const })),
      210,
    );
    const after = s.acquire(
      Array.from({ length: 20 }, (_, i) => 100 + i),
      210,
    ).grants;
    expect(after.map((g) => g.at)).toEqual([210, 210, 210]);
    const kept = [...before.slice(3), ...after].map((g) => g.at);
    expect(maxInAnyWindow(kept, 1000)).toBeLessThanOrEqual(10);
  });

  it('stops counting a slot whose consumer never reported it after a while', () => {
    const s = new SlotScheduler({ ratePerSecond: 5, horizonMs: 900, unansweredHoldMs: 10_000 });
    const lost = s.acquire([1, 2, 3, 4, 5], 0).grants;
    expect(lost).toHaveLength(5);
    expect(s.acquire([6], 5_000).grants).toEqual([]);
    expect(s.acquire([6], 10_900).grants).toHaveLength(1);
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
