// The broadcast governor's scheduling logic, pure and in-memory: it hands out send times ("slots")
// so that all consumers together stay within one global rate and never send to one chat more than
// once a second. The Worker runs it inside a Durable Object (api/broadcast-governor.ts); Node tests
// and the benchmark run the very same class in-process.
//
// Telegram (and the sandbox) count a message when it *arrives*, in a sliding one-second window, and
// nobody can see that moment. A send knows when it left (never before its slot) and when its answer
// came back (after Telegram counted it), so Telegram counted it somewhere in [left + a, answer − b],
// where a and b are the shortest possible trips there and back (a + b is at most the fastest round
// trip seen). The window rule is the same for all arrivals shifted by a, so each granted slot occupies
// the window from its slot until one second after its "end" — the answer's time less the fastest
// round trip, plus a small safety allowance; until its answer is reported, indefinitely. A steady
// round trip (tens of milliseconds to Telegram from a data centre) then costs nothing, only its
// jitter does. (This assumes the consumers share a route to Telegram, as one Queue's do.) A new
// slot is granted only where fewer than `rate` slots occupy its window. Whatever the lateness or the
// jitter, arrivals then never exceed the rate in any second (each window's last slot was granted
// knowing every earlier slot that can share it), and each send costs only its own delay: a stall
// delays the slots it hit, where a margin sized by the worst recent lag slows every slot of the next
// seconds. Slots are spaced at least 0.8 × (1 s ÷ rate) apart: no bursts, yet after a stall the
// schedule can catch up (up to 1.25 × the rate for a moment, never over the rate in any second) —
// with strict 1 s ÷ rate spacing every stall was capacity lost for good. A slot Telegram refused (5xx,
// 429) is taken out of the window; its capacity goes to the next request for a slot, right away.

export interface SlotGrant {
  slotId: number;
  chatId: number;
  /** Epoch milliseconds: do not send before this. */
  at: number;
}

export type SlotOutcome =
  /** Telegram took the message. */
  | 'sent'
  /** Telegram refused it for good (400/403): it still counted as a request. */
  | 'failed'
  /** 429 for this chat: the chat waits retry_after; many of them at once pause everyone. */
  | 'rate_limited'
  /** 5xx or network failure: Telegram did not take it, the slot goes back to the pool. */
  | 'not_sent';

export interface SlotReport {
  slotId: number;
  chatId: number;
  /** The slot time that was granted. */
  at: number;
  /** When the request left (epoch ms); without it the whole wait from the slot counts as lateness. */
  sentAt?: number;
  /** When the answer arrived (epoch ms); omitted for slots never used (claim lost, cancelled). */
  completedAt?: number;
  outcome: SlotOutcome;
  retryAfterMs?: number;
}

export interface AcquireResult {
  grants: SlotGrant[];
  /** Chats that may not receive anything before `notBefore` (one message per chat per second). */
  deferred: { chatId: number; notBefore: number }[];
  /** When it is worth asking again if some chats were not granted (epoch ms). */
  retryAt: number;
}

export interface SlotSchedulerOptions {
  /** Messages per second across all consumers (Telegram: ~30; paid broadcasts up to 1000). */
  ratePerSecond: number;
  /** Minimum spacing of two messages to one chat (Telegram: 1 per second). */
  perChatIntervalMs?: number;
  /** How far ahead slots are handed out; short, so a global pause takes effect quickly. */
  horizonMs?: number;
  /**
   * Closest two slots may be, as a share of 1 s ÷ rate (default 0.8). 1 = perfectly even; lower lets
   * the schedule catch up sooner after a stall (the window still caps every second at the rate).
   */
  minSpacingShare?: number;
  /**
   * Added to every send's end: clock differences between the governor, the consumers and Telegram,
   * and millisecond rounding.
   */
  safetyMs?: number;
  /**
   * A granted slot without a report stops counting after this long: its consumer died or lost the
   * report (a request still unanswered by then most likely arrived long ago).
   */
  unansweredHoldMs?: number;
  /** Extra hold on a chat until its send is answered (then: answer + perChatIntervalMs). */
  chatSlackMs?: number;
  /** 429s from this many chats within a second (and ≥ 20 % of the sends) pause everyone. */
  floodThreshold?: number;
}

/** Telegram's window. */
const WINDOW_MS = 1000;

interface Slot {
  id: number;
  chatId: number;
  at: number;
  /** When its answer came back; Infinity until it is reported. */
  answeredAt: number;
}

export class SlotScheduler {
  readonly ratePerSecond: number;
  private readonly limit: number;
  private readonly interval: number;
  private readonly perChatIntervalMs: number;
  private readonly horizonMs: number;
  private readonly safetyMs: number;
  private readonly unansweredHoldMs: number;
  private readonly chatSlackMs: number;
  private readonly floodThreshold: number;

  private nextSlotId = 1;
  /** GCRA "theoretical arrival time": the next slot in a perfectly even schedule. */
  private tat = 0;
  /** Refunded slots whose capacity may still be used right now, before the slots ahead… */
  private holes = 0;
  /** …or by skipping the even spacing once at the end of the schedule. */
  private owed = 0;
  private lastGrant = 0;
  private pausedUntil = 0;
  /** Granted, not refunded slots that may still occupy the window, in slot order. */
  private slots: Slot[] = [];
  private readonly byId = new Map<number, Slot>();
  private readonly chatNext = new Map<number, number>();
  private rateLimited: number[] = [];
  private readonly totals = { answered: 0, holdMs: 0, maxHoldMs: 0 };
  /** The fastest round trip (answer − left) reported so far: at least the trip there and back. */
  private fastestRttMs = Number.POSITIVE_INFINITY;

  constructor(options: SlotSchedulerOptions) {
    if (!Number.isFinite(options.ratePerSecond) || options.ratePerSecond < 1)
      throw new Error('ratePerSecond must be at least 1');
    this.ratePerSecond = options.ratePerSecond;
    this.limit = Math.floor(options.ratePerSecond);
    this.interval = (WINDOW_MS / this.limit) * (options.minSpacingShare ?? 0.8);
    this.perChatIntervalMs = options.perChatIntervalMs ?? 1000;
    this.horizonMs = options.horizonMs ?? 500;
    this.safetyMs = options.safetyMs ?? 2;
    this.unansweredHoldMs = options.unansweredHoldMs ?? 10_000;
    this.chatSlackMs = options.chatSlackMs ?? 100;
    this.floodThreshold = options.floodThreshold ?? 5;
  }

  /**
   * How long past its slot an answered send occupied the window (its lateness, its round trip and
   * the safety allowance), over all answered sends so far: rate ÷ limit ≈ 1000 ÷ (1000 + mean).
   */
  holdStats(): { answered: number; meanMs: number; maxMs: number } {
    const { answered, holdMs, maxHoldMs } = this.totals;
    return { answered, meanMs: answered === 0 ? 0 : holdMs / answered, maxMs: maxHoldMs };
  }

  /** Slots for as many of `chatIds` as fit within the horizon, in order; the rest are asked again later. */
  acquire(chatIds: readonly number[], now: number, reports: readonly SlotReport[] = []): AcquireResult {
    this.report(reports, now);
    this.prune(now);
    const ends = this.ends();
    const grants: SlotGrant[] = [];
    const deferred: AcquireResult['deferred'] = [];
    let next = 0;
    // First the capacity refused messages left before the end of the schedule, right now.
    if (this.holes > 0) {
      const at = Math.max(now, this.pausedUntil);
      let room = Math.min(this.holes, this.roomBefore(at, ends));
      // What does not fit now was taken by the end of the schedule meanwhile.
      this.holes = room;
      for (; next < chatIds.length && room > 0; next++) {
        const chatId = chatIds[next]!;
        const chatFree = this.chatNext.get(chatId) ?? 0;
        if (chatFree > at) {
          deferred.push({ chatId, notBefore: chatFree });
          continue;
        }
        grants.push(this.grant(chatId, at, this.firstAtOrAfter(at)));
        room -= 1;
        this.holes -= 1;
        this.owed = Math.max(0, this.owed - 1);
      }
    }
    let retryAt = now + this.horizonMs;
    for (; next < chatIds.length; next++) {
      const chatId = chatIds[next]!;
      // Never earlier than the last grant: every slot granted so far is then at or before this one.
      // A refunded slot lets one grant skip the even spacing (it takes the refund's place).
      let at = Math.max(now, this.pausedUntil, this.lastGrant, this.owed > 0 ? this.lastGrant : this.tat);
      // Fewer than `limit` slots may occupy (at − 1 s, at]: the grants of this call occupy it for
      // sure, of the others the k with the earliest ends have to have left it.
      const k = ends.length + grants.length - this.limit + 1;
      if (k > 0) at = Math.max(at, (ends[k - 1] ?? Number.POSITIVE_INFINITY) + WINDOW_MS);
      if (!Number.isFinite(at)) {
        // Waiting for answers that have not been reported yet: they come within milliseconds.
        retryAt = now + Math.min(100, this.horizonMs / 2);
        break;
      }
      const chatFree = this.chatNext.get(chatId) ?? 0;
      if (chatFree > at) {
        deferred.push({ chatId, notBefore: chatFree });
        continue;
      }
      if (at > now + this.horizonMs) {
        retryAt = at - this.horizonMs / 2;
        break;
      }
      grants.push(this.grant(chatId, at));
      this.lastGrant = at;
      if (at < this.tat) this.owed -= 1;
      else {
        // Not held back by the spacing (idle, or the window was the limit): nothing is owed any more.
        this.tat = at + this.interval;
        this.owed = 0;
      }
    }
    for (const d of deferred) retryAt = Math.min(retryAt, d.notBefore);
    return { grants, deferred, retryAt: Math.max(retryAt, now + 1) };
  }

  /**
   * A slot right now for `chatId`, in place of one Telegram just refused (reported in `reports`),
   * or null. A refused message is known within milliseconds, before the slots already handed out:
   * sending another message at once uses the capacity the refusal left, where the end of the
   * schedule could use only what is left of it by then.
   */
  replace(chatId: number, now: number, reports: readonly SlotReport[] = []): SlotGrant | null {
    this.report(reports, now);
    this.prune(now);
    const at = Math.max(now, this.pausedUntil);
    if ((this.chatNext.get(chatId) ?? 0) > at) return null;
    const ends = this.ends();
    if (this.roomBefore(at, ends) < 1) return null;
    this.holes = Math.max(0, this.holes - 1);
    this.owed = Math.max(0, this.owed - 1);
    return this.grant(chatId, at, this.firstAtOrAfter(at));
  }

  /** Outcomes of sends: answers fix when a slot leaves the window, refunds free it, 429s hold chats. */
  report(reports: readonly SlotReport[], now: number): void {
    for (const r of reports) {
      const slot = this.byId.get(r.slotId);
      if (r.outcome === 'not_sent' || r.outcome === 'rate_limited' || r.completedAt === undefined) {
        // Telegram did not take it (or it never left): it does not occupy the window.
        if (slot) this.remove(slot);
      } else if (slot) {
        // Telegram counted it after it left (never before its slot) and before its answer came back.
        if (r.sentAt !== undefined && r.completedAt >= r.sentAt)
          this.fastestRttMs = Math.min(this.fastestRttMs, r.completedAt - r.sentAt);
        slot.answeredAt = r.completedAt;
        const end = this.endOf(slot);
        const hold = end - r.at;
        this.totals.answered += 1;
        this.totals.holdMs += hold;
        this.totals.maxHoldMs = Math.max(this.totals.maxHoldMs, hold);
        this.chatNext.set(r.chatId, Math.max(this.chatNext.get(r.chatId) ?? 0, end + this.perChatIntervalMs));
      }
      if (r.outcome === 'rate_limited') {
        const wait = Math.max(1000, r.retryAfterMs ?? 1000);
        this.chatNext.set(r.chatId, Math.max(this.chatNext.get(r.chatId) ?? 0, now + wait));
        this.rateLimited.push(now);
        this.rateLimited = this.rateLimited.filter((t) => t > now - 1000);
        let sentLastSecond = 0;
        for (const s of this.slots) if (s.at > now - 1000 && s.at <= now) sentLastSecond += 1;
        if (this.rateLimited.length >= Math.max(this.floodThreshold, Math.ceil(sentLastSecond * 0.2))) {
          // Many chats at once: the bot-wide flood limit, not one chat's — everyone waits.
          this.pause(wait, now);
          this.rateLimited = [];
        }
      }
    }
  }

  /** Nobody sends before now + ms (a bot-wide 429). */
  pause(ms: number, now: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
  }

  /** Entries kept in memory: bounded by the rate and the chats of the last second or two. */
  size(): { window: number; chats: number } {
    return { window: this.slots.length, chats: this.chatNext.size };
  }

  /**
   * How many slots can be added at `at`, before slots already handed out (0 when none is ahead: the
   * end of the schedule is for acquire()). Each must fit in its own window and in the window of every
   * slot ahead of it, where it counts as unanswered. `ends` are the slots' ends, ascending.
   */
  private roomBefore(at: number, ends: Float64Array): number {
    const first = this.firstAtOrAfter(at);
    const ahead = this.slots.length - first;
    // Slots ahead are unanswered (or answered after `at`), so they occupy every window ending within
    // a second of `at`; beyond that (a horizon over a second) this shortcut does not hold.
    if (ahead === 0 || this.lastGrant >= at + WINDOW_MS) return 0;
    /** Slots before `at` that occupy the window ending at t (t < at). */
    const before = (t: number) => ends.length - upperBound(ends, t) - ahead;
    let tied = 0;
    while (first + tied < this.slots.length && this.slots[first + tied]!.at === at) tied += 1;
    let room = this.limit - before(at - WINDOW_MS) - tied;
    for (let q = 0; q < ahead && room > 0; ) {
      const t = this.slots[first + q]!.at;
      let upto = q + 1;
      while (upto < ahead && this.slots[first + upto]!.at === t) upto += 1;
      // Each of these slots: the others that occupy its window, plus the new ones, below the limit.
      room = Math.min(room, this.limit - 1 - (before(t - WINDOW_MS) + upto - 1));
      q = upto;
    }
    return Math.max(0, room);
  }

  /**
   * The latest moment, in the frame where the quickest trip to Telegram takes no time, that Telegram
   * can have counted `slot`. Computed with the fastest round trip known *now*, the same for every
   * slot: a faster one seen later moves all ends at once, so they never mix two frames.
   */
  private endOf(slot: Slot): number {
    if (slot.answeredAt === Number.POSITIVE_INFINITY) return slot.answeredAt;
    const trip = Number.isFinite(this.fastestRttMs) ? this.fastestRttMs : 0;
    return Math.max(slot.at, slot.answeredAt - trip) + this.safetyMs;
  }

  /** Ends of everything that may occupy the window, ascending; unanswered ones (Infinity) last. */
  private ends(): Float64Array {
    return Float64Array.from(this.slots, (s) => this.endOf(s)).sort();
  }

  /** Index of the first slot at or after `at` (slots are in time order). */
  private firstAtOrAfter(at: number): number {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.slots[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grant(chatId: number, at: number, index = this.slots.length): SlotGrant {
    const slot: Slot = { id: this.nextSlotId++, chatId, at, answeredAt: Number.POSITIVE_INFINITY };
    if (index === this.slots.length) this.slots.push(slot);
    else this.slots.splice(index, 0, slot);
    this.byId.set(slot.id, slot);
    this.chatNext.set(chatId, at + this.perChatIntervalMs + this.chatSlackMs);
    return { slotId: slot.id, chatId, at };
  }

  private remove(slot: Slot): void {
    this.byId.delete(slot.id);
    const i = this.slots.indexOf(slot);
    if (i !== -1) this.slots.splice(i, 1);
    // Its capacity can be used at once, before the slots ahead (acquire, replace), else by the end of
    // the schedule, where one grant may then skip the even spacing (a few at most: no burst).
    this.holes = Math.min(this.holes + 1, this.limit);
    this.owed = Math.min(this.owed + 1, Math.max(1, Math.floor(this.limit / 100)));
  }

  private prune(now: number): void {
    // A slot leaves the window one second after its end; one never answered, after the hold.
    // (Without the round-trip credit: the fastest round trip may still shrink, which moves ends later.)
    const gone = (s: Slot) =>
      s.answeredAt === Number.POSITIVE_INFINITY
        ? s.at + this.unansweredHoldMs <= now
        : Math.max(s.at, s.answeredAt) + this.safetyMs + WINDOW_MS <= now;
    if (this.slots.some(gone)) {
      this.slots = this.slots.filter((s) => {
        if (!gone(s)) return true;
        this.byId.delete(s.id);
        return false;
      });
    }
    if (this.chatNext.size > this.limit * 4) {
      for (const [chat, t] of this.chatNext) if (t <= now) this.chatNext.delete(chat);
    }
  }
}

/** Number of values ≤ t in an ascending array. */
function upperBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
