// The broadcast governor's scheduling logic, pure and in-memory: it hands out send times ("slots")
// so that all consumers together stay within one global rate and never send to one chat more than
// once a second. The Worker runs it inside a Durable Object (api/broadcast-governor.ts); Node tests
// and the benchmark run the very same class in-process.
//
// Why slots are spaced over "1 s + a jitter margin" and not exactly 1 s / rate: Telegram (and the
// sandbox) count a message when it *arrives*, in a sliding one-second window. A request that arrived
// late can share a window with requests that arrived on time a second after it, so exact spacing
// turns every bit of event-loop or network jitter into a 429. Each send reports how late it left
// (send start − slot) and its round trip; the margin is the largest recent lateness plus the spread
// of recent round trips (99th percentile − fastest), which bounds how much two arrivals can bunch up.
// The window is 1 s plus that margin, so a late arrival leaves it before the one that would overflow
// it arrives; the margin follows conditions within a couple of seconds, up and down.

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
  /** When the request left (epoch ms); without it the whole wait counts as lateness. */
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
  /** Bounds of the lag allowance added to the one-second window. */
  minMarginMs?: number;
  maxMarginMs?: number;
  /** How long a lag observation keeps widening the window. */
  lagMemoryMs?: number;
  /** 429s from this many chats within a second (and ≥ 20 % of the sends) pause everyone. */
  floodThreshold?: number;
}

const LAG_BUCKET_MS = 250;
/** Fewer round trips than this in memory: the margin is the cautious maximum. */
const COLD_SAMPLES = 10;

export class SlotScheduler {
  readonly ratePerSecond: number;
  private readonly limit: number;
  private readonly perChatIntervalMs: number;
  private readonly horizonMs: number;
  private readonly minMarginMs: number;
  private readonly maxMarginMs: number;
  private readonly lagMemoryMs: number;
  private readonly floodThreshold: number;

  private nextSlotId = 1;
  /** GCRA "theoretical arrival time": the next slot in a perfectly even schedule. */
  private tat = 0;
  private lastGrant = 0;
  private pausedUntil = 0;
  /** Granted, not refunded slots, in time order (= id order): the sliding window's contents. */
  private window: { id: number; at: number }[] = [];
  private readonly chatNext = new Map<number, number>();
  private lagBuckets: { start: number; lateness: number; rtts: number[] }[] = [];
  private rateLimited: number[] = [];

  constructor(options: SlotSchedulerOptions) {
    if (!Number.isFinite(options.ratePerSecond) || options.ratePerSecond < 1)
      throw new Error('ratePerSecond must be at least 1');
    this.ratePerSecond = options.ratePerSecond;
    this.limit = Math.floor(options.ratePerSecond);
    this.perChatIntervalMs = options.perChatIntervalMs ?? 1000;
    this.horizonMs = options.horizonMs ?? 500;
    this.minMarginMs = options.minMarginMs ?? 10;
    this.maxMarginMs = options.maxMarginMs ?? 100;
    this.lagMemoryMs = options.lagMemoryMs ?? 2000;
    this.floodThreshold = options.floodThreshold ?? 5;
  }

  /** The jitter allowance currently added to the one-second window. */
  marginMs(now: number): number {
    let lateness = 0;
    const rtts: number[] = [];
    for (const b of this.lagBuckets) {
      if (b.start + LAG_BUCKET_MS <= now - this.lagMemoryMs) continue;
      lateness = Math.max(lateness, b.lateness);
      for (const r of b.rtts) rtts.push(r);
    }
    // Until a few sends have been measured, nothing is known about the jitter: stay cautious.
    if (rtts.length < COLD_SAMPLES) return this.maxMarginMs;
    let spread = 0;
    if (rtts.length > 0) {
      rtts.sort((a, b) => a - b);
      spread = rtts[Math.floor((rtts.length - 1) * 0.99)]! - rtts[0]!;
    }
    return Math.min(this.maxMarginMs, Math.max(this.minMarginMs, Math.ceil(lateness + spread)));
  }

  /** Slots for as many of `chatIds` as fit within the horizon, in order; the rest are asked again later. */
  acquire(chatIds: readonly number[], now: number, reports: readonly SlotReport[] = []): AcquireResult {
    this.report(reports, now);
    const margin = this.marginMs(now);
    const windowMs = 1000 + margin;
    const interval = windowMs / this.limit;
    this.prune(now, windowMs);
    const grants: SlotGrant[] = [];
    const deferred: AcquireResult['deferred'] = [];
    let retryAt = now + this.horizonMs;
    for (const chatId of chatIds) {
      // Evenly spaced (tat); a refund moves tat back one interval, so a freed slot is used at once.
      // Never earlier than the last grant, so the window stays in time order.
      let at = Math.max(now, this.pausedUntil, this.lastGrant, this.tat);
      at = this.windowCap(at, windowMs);
      const chatFree = this.chatNext.get(chatId) ?? 0;
      if (chatFree > at) {
        deferred.push({ chatId, notBefore: chatFree });
        continue;
      }
      if (at > now + this.horizonMs) {
        retryAt = at - this.horizonMs / 2;
        break;
      }
      const slotId = this.nextSlotId++;
      this.window.push({ id: slotId, at });
      this.lastGrant = at;
      this.tat = Math.max(this.tat, at) + interval;
      this.chatNext.set(chatId, at + this.perChatIntervalMs + margin);
      grants.push({ slotId, chatId, at });
    }
    if (deferred.length > 0) retryAt = Math.min(retryAt, ...deferred.map((d) => d.notBefore));
    return { grants, deferred, retryAt: Math.max(retryAt, now + 1) };
  }

  /**
   * A slot right now for `chatId`, in place of one Telegram just refused (reported in `reports`),
   * or null. At a few dozen messages a second a refused message is known within a few milliseconds,
   * long before the next slot: sending another message at once uses the capacity the refusal left,
   * which a slot at the end of the schedule could not (it would only push the slots after it back).
   * Allowed only if every one-second window containing "now" — including slots already handed out
   * for the coming moments — stays within the rate.
   */
  replace(chatId: number, now: number, reports: readonly SlotReport[] = []): SlotGrant | null {
    this.report(reports, now);
    const margin = this.marginMs(now);
    const windowMs = 1000 + margin;
    const at = Math.max(now, this.pausedUntil);
    if (at >= this.lastGrant || (this.chatNext.get(chatId) ?? 0) > at) return null;
    // Windows (t − W, t] that contain `at`: t = at, and t = each slot in (at, at + W).
    const w = this.window;
    const insertAt = lowerBound(w, at);
    const ends = [
      at,
      ...w
        .slice(insertAt)
        .filter((e) => e.at < at + windowMs)
        .map((e) => e.at),
    ];
    for (const t of ends) {
      const inside = lowerBound(w, t) - lowerBound(w, t - windowMs);
      if (inside + 1 > this.limit) return null;
    }
    const slotId = this.nextSlotId++;
    w.splice(insertAt, 0, { id: slotId, at });
    // The refund had moved the schedule one slot forward; the freed capacity is used here instead.
    this.tat += 1000 / this.limit;
    this.chatNext.set(chatId, at + this.perChatIntervalMs + margin);
    return { slotId, chatId, at };
  }

  /** Outcomes of sends: lag widens the window, refunds free slots, 429s hold chats (or everyone). */
  report(reports: readonly SlotReport[], now: number): void {
    for (const r of reports) {
      if (r.completedAt !== undefined) {
        const left = r.sentAt ?? r.completedAt;
        this.observeLag(r.completedAt, Math.max(0, left - r.at), Math.max(0, r.completedAt - left));
      }
      if (r.outcome === 'not_sent' || r.outcome === 'rate_limited' || r.completedAt === undefined)
        this.refund(r.slotId);
      if (r.outcome === 'rate_limited') {
        const wait = Math.max(1000, r.retryAfterMs ?? 1000);
        this.chatNext.set(r.chatId, Math.max(this.chatNext.get(r.chatId) ?? 0, now + wait));
        this.rateLimited.push(now);
        this.rateLimited = this.rateLimited.filter((t) => t > now - 1000);
        const sentLastSecond = this.window.filter((w) => w.at > now - 1000 && w.at <= now).length;
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
    return { window: this.window.length, chats: this.chatNext.size };
  }

  private windowCap(at: number, windowMs: number): number {
    // Entries are ≤ lastGrant ≤ at; those still inside (at − W, at] must be fewer than the limit.
    const first = lowerBound(this.window, at - windowMs);
    const inside = this.window.length - first;
    if (inside < this.limit) return at;
    const leaving = this.window[first + inside - this.limit];
    return Math.max(at, (leaving?.at ?? at) + windowMs);
  }

  private refund(slotId: number): void {
    const i = this.window.findIndex((w) => w.id === slotId);
    if (i === -1) return;
    this.window.splice(i, 1);
    this.tat = Math.max(this.lastGrant, this.tat - 1000 / this.limit);
  }

  private observeLag(at: number, lateness: number, rtt: number): void {
    const start = Math.floor(at / LAG_BUCKET_MS) * LAG_BUCKET_MS;
    let bucket = this.lagBuckets.find((b) => b.start === start);
    if (!bucket) {
      bucket = { start, lateness: 0, rtts: [] };
      this.lagBuckets.push(bucket);
    }
    bucket.lateness = Math.max(bucket.lateness, lateness);
    // A sample is enough to know the spread; more only costs memory at 1000/s.
    if (bucket.rtts.length < 500) bucket.rtts.push(rtt);
  }

  private prune(now: number, windowMs: number): void {
    const keepFrom = lowerBound(this.window, now - windowMs - this.maxMarginMs);
    if (keepFrom > 0) this.window.splice(0, keepFrom);
    if (this.chatNext.size > this.limit * 4) {
      for (const [chat, t] of this.chatNext) if (t <= now) this.chatNext.delete(chat);
    }
    this.lagBuckets = this.lagBuckets.filter((b) => b.start + LAG_BUCKET_MS > now - this.lagMemoryMs);
  }
}

/** First index whose `at` is greater than `t` (the window is sorted by time). */
function lowerBound(window: { at: number }[], t: number): number {
  let lo = 0;
  let hi = window.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (window[mid]!.at > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
