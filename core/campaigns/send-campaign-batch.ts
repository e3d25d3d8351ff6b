import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaignDeliveries, campaigns, campaignVariants, type UserLanguage } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { readStoredFileBytes } from './campaign-image';
import { buildCampaignMessage, pickVariant, type VariantForSending } from './campaign-message';
import type { CampaignSender, SendOutcome } from './campaign-sender';
import { cancelOpenDeliveries, enqueueSends, finishCampaignIfDone } from './delivery-records';
import type { SendGovernor } from './governor';
import type { SlotGrant, SlotOutcome, SlotReport } from './slot-scheduler';

/** Wall-clock time for pacing (slots are epoch ms); injected so tests could drive it. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const realPacingClock: PacingClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** How often a consumer re-reads the campaign's status: a cancel stops it within about this long. */
const CANCEL_CHECK_MS = 1000;
/** Results are written in small groups: fewer round trips, and at most this many await recording. */
const FLUSH_EVERY = 25;
const FLUSH_AFTER_MS = 250;
/** A chat held longer than this (someone else's 429) goes back to the queue instead of holding the job. */
const MAX_HOLD_MS = 2000;
/** Outcomes are sent to the governor in groups of this many, or after this long at the latest. */
const REPORT_EVERY = 20;
const REPORT_AFTER_MS = 50;

export interface BatchResult {
  sent: number;
  failed: number;
  blocked: number;
  retried: number;
  cancelled: number;
  /** Deliveries already done or held by another consumer's live lease. */
  skipped: number;
}

interface OpenDelivery {
  id: number;
  userId: string;
  chatId: number;
  language: UserLanguage;
  attempts: number;
}

/**
 * The 'campaign-send' job: sends one batch of deliveries. Each delivery is claimed atomically
 * (pending → sending with a lease) just before its slot, sent at the time the global governor
 * granted, and its outcome recorded: sent with Telegram's message id; 429 → retried after
 * retry_after; 5xx/network → retried with exponential backoff up to maxAttempts, then failed
 * 'network'; 403 → blocked, and the person is unsubscribed and excluded from campaigns; other 4xx →
 * failed with Telegram's reason. Retries go back to the queue with a delay, so the job ends when
 * every delivery in it is terminal or re-enqueued. A crash between a send and its recording leaves
 * the delivery 'sending'; when its lease expires the sweeper re-enqueues it — one duplicate at most.
 */
export async function sendCampaignBatch(options: {
  deps: CoreDeps;
  job: { campaignId: string; deliveryIds: number[] };
  governor: SendGovernor;
  sender: CampaignSender;
  time?: PacingClock;
}): Promise<BatchResult> {
  const { deps, job, governor, sender } = options;
  const time = options.time ?? realPacingClock;
  const settings = deps.config.campaigns;
  const result: BatchResult = { sent: 0, failed: 0, blocked: 0, retried: 0, cancelled: 0, skipped: 0 };

  const campaign = await campaignStatus(deps, job.campaignId, time, true);
  if (!campaign) return result;
  if (campaign.status === 'cancelled') {
    await cancelOpenDeliveries(deps.db, deps, job.campaignId, job.deliveryIds);
    return result;
  }
  if (campaign.status !== 'sending') return result;

  const now = deps.clock.now();
  const rows = (
    await deps.db
      .select({
        id: campaignDeliveries.id,
        campaignId: campaignDeliveries.campaignId,
        userId: campaignDeliveries.userId,
        chatId: campaignDeliveries.chatId,
        language: campaignDeliveries.language,
        status: campaignDeliveries.status,
        attempts: campaignDeliveries.attempts,
        notBefore: campaignDeliveries.notBefore,
        claimedAt: campaignDeliveries.claimedAt,
      })
      .from(campaignDeliveries)
      // By primary key only: with the campaign in the condition the planner may scan the campaign's index.
      .where(inArray(campaignDeliveries.id, job.deliveryIds))
  ).filter((r) => r.campaignId === job.campaignId);
  const leaseCut = now.getTime() - settings.leaseMs;
  let queue: OpenDelivery[] = [];
  const later = new Map<number, number>(); // delivery id → epoch ms it may be sent
  for (const r of rows) {
    if (r.status === 'pending' && r.notBefore && r.notBefore.getTime() > now.getTime())
      later.set(r.id, r.notBefore.getTime());
    else if (
      r.attempts < settings.maxAttempts &&
      (r.status === 'pending' || (r.status === 'sending' && (r.claimedAt?.getTime() ?? 0) < leaseCut))
    )
      queue.push(r);
    else result.skipped += 1;
  }

  const variants = await loadVariants(deps, job.campaignId);
  const watch = {
    cancelled: async () => (await campaignStatus(deps, job.campaignId, time))?.status !== 'sending',
  };
  const recorder = resultRecorder(deps, job.campaignId, result, time);
  const reports: SlotReport[] = [];
  const tasks: Promise<void>[] = [];
  // Outcomes reach the governor within REPORT_AFTER_MS, a few at a time: until it knows when a send
  // was answered, the governor counts that send as still arriving, which holds back later slots.
  let reporting: Promise<void> | undefined;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const flushReports = () => {
    if (reportTimer !== undefined) clearTimeout(reportTimer);
    reportTimer = undefined;
    if (reporting || reports.length === 0) return;
    reporting = governor
      .report(reports.splice(0))
      .catch(() => {})
      .finally(() => {
        reporting = undefined;
        if (reports.length > 0 && reportTimer === undefined) reportTimer = setTimeout(flushReports, 0);
      });
  };
  const report = (r: SlotReport) => {
    reports.push(r);
    if (reports.length >= REPORT_EVERY) flushReports();
    else reportTimer ??= setTimeout(flushReports, REPORT_AFTER_MS);
  };

  /** Sends one claimed delivery at its slot and records the outcome. */
  const dispatch = (grant: SlotGrant, claim: OpenDelivery & { claimedAt: Date }) => {
    const task = (async () => {
      // Never before the slot (a timer may fire a millisecond early): the governor counts on it.
      while (time.now() < grant.at) await time.sleep(grant.at - time.now());
      if (await watch.cancelled()) {
        report({ ...grant, outcome: 'not_sent' });
        recorder.add(claim, { kind: 'cancelled' });
        return;
      }
      const variant = pickVariant(variants, claim.language);
      if (!variant) {
        report({ ...grant, outcome: 'not_sent' });
        recorder.add(claim, { kind: 'bad_request', description: 'no variant for this language' });
        return;
      }
      const message = await buildCampaignMessage({
        config: deps.config,
        campaignId: job.campaignId,
        variant,
        chatId: claim.chatId,
        deliveryId: claim.id,
      });
      const sentAt = time.now();
      const outcome = await sender.send(message, () => readStoredFileBytes(deps, variant.imageFileId!));
      const done: SlotReport = {
        ...grant,
        sentAt,
        completedAt: time.now(),
        outcome: slotOutcome(outcome),
        ...(outcome.kind === 'rate_limited' ? { retryAfterMs: outcome.retryAfterSeconds * 1000 } : {}),
      };
      recorder.add(claim, outcome);
      if (outcome.kind === 'sent' && outcome.photoFileId && !variant.imageTelegramFileId) {
        variant.imageTelegramFileId = outcome.photoFileId;
        await rememberTelegramPhoto(deps, job.campaignId, variant, outcome.photoFileId);
      }
      if (done.outcome === 'not_sent' || done.outcome === 'rate_limited') await replaceNow(done);
      else report(done);
    })();
    // Settled below; the handler keeps an early failure from counting as unhandled meanwhile.
    task.catch(() => {});
    tasks.push(task);
  };

  /** Telegram did not take a message: try to use its capacity at once for the next delivery. */
  const replaceNow = async (refused: SlotReport) => {
    const next = queue.shift();
    if (!next) return report(refused);
    const grant = await governor.replace({ chatId: next.chatId, reports: [refused] });
    if (!grant) {
      queue.unshift(next);
      return;
    }
    const claimedAt = deps.clock.now();
    const claimed = await claimDeliveries(deps, job.campaignId, [next.id], claimedAt);
    if (!claimed.has(next.id)) {
      report({ ...grant, outcome: 'not_sent' });
      result.skipped += 1;
      return;
    }
    dispatch(grant, { ...next, attempts: next.attempts + 1, claimedAt });
  };

  while (queue.length > 0 && !(await watch.cancelled())) {
    const answer = await governor.acquire({
      chatIds: queue.map((d) => d.chatId),
      reports: reports.splice(0),
    });
    for (const d of answer.deferred) {
      if (d.notBefore - time.now() <= MAX_HOLD_MS) continue;
      const held = queue.find((q) => q.chatId === d.chatId);
      if (held) later.set(held.id, d.notBefore);
    }
    queue = queue.filter((q) => !later.has(q.id));
    if (answer.grants.length === 0) {
      if (queue.length > 0) await time.sleep(answer.retryAt - time.now());
      continue;
    }
    const byChat = new Map(queue.map((d) => [d.chatId, d]));
    const granted = answer.grants.flatMap((grant) => {
      const delivery = byChat.get(grant.chatId);
      return delivery ? [{ grant, delivery }] : [];
    });
    const grantedIds = new Set(granted.map((g) => g.delivery.id));
    // In place: a send that was refused takes the next delivery from this same list.
    for (let i = queue.length - 1; i >= 0; i--) if (grantedIds.has(queue[i]!.id)) queue.splice(i, 1);

    const claimedAt = deps.clock.now();
    const claimed = await claimDeliveries(deps, job.campaignId, [...grantedIds], claimedAt);
    for (const { grant, delivery } of granted) {
      if (!claimed.has(delivery.id)) {
        // Someone else holds it (a duplicate job, a live lease): give the slot back.
        reports.push({ ...grant, outcome: 'not_sent' });
        result.skipped += 1;
        continue;
      }
      dispatch(grant, { ...delivery, attempts: delivery.attempts + 1, claimedAt });
    }
  }

  // Tasks may have taken deliveries for replacement slots and put some back after the loop ended.
  for (;;) {
    const settled = await Promise.allSettled(tasks);
    if (settled.length === tasks.length) break;
  }
  for (const d of queue) later.set(d.id, Date.now());
  const settled = await Promise.allSettled(tasks);
  await reporting;
  if (reportTimer !== undefined) clearTimeout(reportTimer);
  reportTimer = undefined;
  if (reports.length > 0) await governor.report(reports.splice(0)).catch(() => {});
  await recorder.close();
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;

  if (await watch.cancelled()) {
    await cancelOpenDeliveries(deps.db, deps, job.campaignId, job.deliveryIds);
    return result;
  }
  // Retries and held chats go back to the queue with their delay; what was not sent stays 'pending'.
  const retryAt = new Map<number, number[]>();
  for (const [id, at] of [...later, ...recorder.retries()]) {
    const delay = Math.max(1, Math.ceil((at - Date.now()) / 1000));
    retryAt.set(delay, [...(retryAt.get(delay) ?? []), id]);
  }
  for (const [delay, ids] of retryAt) await enqueueSends(deps, job.campaignId, ids, delay);
  result.retried += later.size;
  if (retryAt.size === 0) await finishCampaignIfDone(deps, job.campaignId);
  return result;
}

function slotOutcome(outcome: SendOutcome): SlotOutcome {
  switch (outcome.kind) {
    case 'sent':
      return 'sent';
    case 'rate_limited':
      return 'rate_limited';
    case 'transient':
      return 'not_sent';
    default:
      return 'failed';
  }
}

/** Variants cannot change once a campaign is approved: each isolate reads them once per campaign. */
const variantCache = new Map<string, Promise<VariantForSending[]>>();

function loadVariants(deps: CoreDeps, campaignId: string): Promise<VariantForSending[]> {
  let cached = variantCache.get(campaignId);
  if (!cached) {
    cached = readVariants(deps, campaignId);
    cached.catch(() => variantCache.delete(campaignId));
    variantCache.set(campaignId, cached);
    if (variantCache.size > 20) variantCache.delete(variantCache.keys().next().value!);
  }
  return cached;
}

async function readVariants(deps: CoreDeps, campaignId: string): Promise<VariantForSending[]> {
  return deps.db
    .select({
      language: campaignVariants.language,
      text: campaignVariants.text,
      imageFileId: campaignVariants.imageFileId,
      imageTelegramFileId: campaignVariants.imageTelegramFileId,
      button: campaignVariants.button,
    })
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, campaignId));
}

async function rememberTelegramPhoto(
  deps: CoreDeps,
  campaignId: string,
  variant: VariantForSending,
  fileId: string,
): Promise<void> {
  await deps.db
    .update(campaignVariants)
    .set({ imageTelegramFileId: fileId })
    .where(and(eq(campaignVariants.campaignId, campaignId), eq(campaignVariants.language, variant.language)));
}

/** pending (due) or sending with an expired lease → sending, atomically; only while the campaign is sending. */
async function claimDeliveries(
  deps: CoreDeps,
  campaignId: string,
  ids: number[],
  claimedAt: Date,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const leaseCut = new Date(claimedAt.getTime() - deps.config.campaigns.leaseMs);
  const rows = await deps.db
    .update(campaignDeliveries)
    .set({
      status: 'sending',
      claimedAt,
      attempts: sql`${campaignDeliveries.attempts} + 1`,
      updatedAt: claimedAt,
    })
    .where(
      and(
        // The ids were checked to belong to the campaign when the batch was read (primary key only).
        inArray(campaignDeliveries.id, ids),
        sql`${campaignDeliveries.attempts} < ${deps.config.campaigns.maxAttempts}`,
        sql`exists (select 1 from campaigns c where c.id = ${campaignId} and c.status = 'sending')`,
        sql`((${campaignDeliveries.status} = 'pending' and (${campaignDeliveries.notBefore} is null or ${campaignDeliveries.notBefore} <= ${claimedAt.toISOString()}))
          or (${campaignDeliveries.status} = 'sending' and ${campaignDeliveries.claimedAt} < ${leaseCut.toISOString()}))`,
      ),
    )
    .returning({ id: campaignDeliveries.id });
  return new Set(rows.map((r) => r.id));
}

/**
 * The campaign's status, re-read at most once per CANCEL_CHECK_MS and shared by every batch this
 * isolate runs at once (dozens at 1000/s): a cancel is seen within about a second, for one query.
 */
const statusCache = new Map<
  string,
  { at: number; row: { status: string } | undefined; pending?: Promise<void> }
>();

async function campaignStatus(deps: CoreDeps, campaignId: string, time: PacingClock, fresh = false) {
  let entry = statusCache.get(campaignId);
  if (!entry || fresh || time.now() - entry.at >= CANCEL_CHECK_MS) {
    if (!entry?.pending) {
      const e = entry ?? { at: 0, row: undefined };
      e.pending = (async () => {
        const [row] = await deps.db
          .select({ status: campaigns.status })
          .from(campaigns)
          .where(eq(campaigns.id, campaignId));
        e.row = row;
        e.at = time.now();
      })().finally(() => {
        e.pending = undefined;
      });
      statusCache.set(campaignId, e);
      if (statusCache.size > 100) statusCache.delete(statusCache.keys().next().value!);
      entry = e;
    }
    await entry.pending;
  }
  return entry.row;
}

type Recorded = SendOutcome | { kind: 'cancelled' };

/**
 * Buffers outcomes and writes them in groups (one UPDATE … FROM VALUES per group). The claim time is
 * the fencing token: a consumer whose lease expired cannot overwrite the newer claim's outcome.
 */
function resultRecorder(deps: CoreDeps, campaignId: string, result: BatchResult, time: PacingClock) {
  const settings = deps.config.campaigns;
  let buffer: { delivery: OpenDelivery & { claimedAt: Date }; outcome: Recorded }[] = [];
  let lastFlush = time.now();
  let chain: Promise<void> = Promise.resolve();
  let error: unknown;
  const retries = new Map<number, number>();

  const flush = async () => {
    const items = buffer;
    buffer = [];
    lastFlush = time.now();
    if (items.length === 0) return;
    const now = deps.clock.now();
    const values = items.map(({ delivery, outcome }) => {
      const row = outcomeRow(delivery.attempts, outcome, now, settings.maxAttempts);
      if (row.status === 'pending')
        retries.set(delivery.id, row.notBefore!.getTime() - now.getTime() + Date.now());
      countOutcome(result, row.status);
      return sql`(${String(delivery.id)}, ${delivery.claimedAt.toISOString()}, ${row.status}, ${row.messageId === null ? null : String(row.messageId)}, ${row.sentAt?.toISOString() ?? null}, ${row.errorCode}, ${row.errorReason}, ${row.notBefore?.toISOString() ?? null})`;
    });
    await deps.db.execute(sql`
      update campaign_deliveries as d set
        status = v.status,
        telegram_message_id = v.message_id::bigint,
        sent_at = v.sent_at::timestamptz,
        error_code = v.error_code,
        error_reason = v.error_reason,
        not_before = v.not_before::timestamptz,
        updated_at = ${now.toISOString()}::timestamptz
      from (values ${sql.join(values, sql`, `)})
        as v(id, claimed_at, status, message_id, sent_at, error_code, error_reason, not_before)
      where d.id = v.id::bigint and d.campaign_id = ${campaignId}
        and d.status = 'sending' and d.claimed_at = v.claimed_at::timestamptz`);
    const blocked = items.filter((i) => i.outcome.kind === 'blocked').map((i) => i.delivery.userId);
    if (blocked.length > 0) {
      // 403: the person blocked the bot — stop sending them campaigns (they resubscribe after /start).
      await deps.db.execute(
        sql`update users set broadcast_blocked_at = ${now.toISOString()}::timestamptz where id in (${sql.join(
          blocked.map((u) => sql`${u}`),
          sql`, `,
        )}) and broadcast_blocked_at is null`,
      );
      await deps.db.execute(
        sql`delete from subscriptions where user_id in (${sql.join(
          blocked.map((u) => sql`${u}`),
          sql`, `,
        )})`,
      );
    }
  };
  const schedule = () => {
    chain = chain.then(flush).catch((e: unknown) => {
      error ??= e;
    });
  };
  return {
    add(delivery: OpenDelivery & { claimedAt: Date }, outcome: Recorded) {
      buffer.push({ delivery, outcome });
      if (buffer.length >= FLUSH_EVERY || time.now() - lastFlush >= FLUSH_AFTER_MS) schedule();
    },
    async close() {
      schedule();
      await chain;
      if (error) throw error;
    },
    /** Deliveries put back to 'pending' with a not-before time (epoch ms). */
    retries: () => retries,
  };
}

function countOutcome(result: BatchResult, status: string): void {
  if (status === 'sent') result.sent += 1;
  else if (status === 'failed') result.failed += 1;
  else if (status === 'blocked') result.blocked += 1;
  else if (status === 'cancelled') result.cancelled += 1;
  else if (status === 'pending') result.retried += 1;
}

/** What the delivery row becomes after one attempt. */
export function outcomeRow(
  attempts: number,
  outcome: Recorded,
  now: Date,
  maxAttempts: number,
): {
  status: 'sent' | 'failed' | 'blocked' | 'pending' | 'cancelled';
  messageId: number | null;
  sentAt: Date | null;
  errorCode: string | null;
  errorReason: string | null;
  notBefore: Date | null;
} {
  const base = { messageId: null, sentAt: null, errorCode: null, errorReason: null, notBefore: null };
  switch (outcome.kind) {
    case 'sent':
      return { ...base, status: 'sent', messageId: outcome.messageId, sentAt: now };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'blocked':
      return {
        ...base,
        status: 'blocked',
        errorCode: 'blocked',
        errorReason: outcome.description.slice(0, 200),
      };
    case 'bad_request':
      return {
        ...base,
        status: 'failed',
        errorCode: 'bad_request',
        errorReason: outcome.description.slice(0, 200),
      };
    case 'rate_limited':
      if (attempts >= maxAttempts)
        return { ...base, status: 'failed', errorCode: 'rate_limited', errorReason: 'Too Many Requests' };
      return {
        ...base,
        status: 'pending',
        errorCode: 'rate_limited',
        notBefore: new Date(now.getTime() + Math.max(1, outcome.retryAfterSeconds) * 1000),
      };
    case 'transient':
      if (attempts >= maxAttempts)
        return {
          ...base,
          status: 'failed',
          errorCode: 'network',
          errorReason: outcome.description.slice(0, 200),
        };
      return {
        ...base,
        status: 'pending',
        errorCode: 'network',
        errorReason: outcome.description.slice(0, 200),
        // 1, 2, 4, 8 … seconds, at most a minute.
        notBefore: new Date(now.getTime() + Math.min(60, 2 ** (attempts - 1)) * 1000),
      };
  }
}
