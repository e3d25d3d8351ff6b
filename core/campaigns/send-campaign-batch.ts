import type { UserLanguage } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { errorSummary, logEvent } from '../log';
import { readStoredFileBytes } from './campaign-image';
import { buildCampaignMessage, pickVariant } from './campaign-message';
import type { CampaignSender, SendOutcome } from './campaign-sender';
import { claimDeliveries, type Lease } from './delivery-lease';
import { cancelOpenDeliveries, enqueueSends, finishCampaignIfDone } from './delivery-records';
import {
  type BatchStage,
  batchError,
  type CampaignBatchError,
  type PacingClock,
  realPacingClock,
  withRetries,
} from './engine-io';
import { reportBatcher, type SendGovernor } from './governor';
import { type BatchResult, type ClaimedDelivery, emptyResult, outcomeWriter } from './outcome-writer';
import { campaignStatus, loadVariants, readDeliveries, rememberTelegramPhoto } from './send-batch-reads';
import type { SlotGrant, SlotOutcome, SlotReport } from './slot-scheduler';

export type { BatchResult } from './outcome-writer';

/** A chat held longer than this (someone else's 429) goes back to the queue instead of holding the job. */
const MAX_HOLD_MS = 2000;

interface OpenDelivery {
  id: number;
  userId: string;
  chatId: number;
  language: UserLanguage;
  attempts: number;
}

/**
 * The 'campaign-send' job: sends one batch of deliveries. Each delivery is claimed atomically
 * (pending → sending under a new lease id) just before its slot, sent at the time the global
 * governor granted, and its outcome recorded: sent with Telegram's message id; 429 → retried after
 * retry_after; 5xx/network → retried with exponential backoff up to maxAttempts, then failed
 * 'network'; 403 → blocked, and the person is unsubscribed and excluded from campaigns; other 4xx →
 * failed with Telegram's reason. Retries go back to the queue with a delay, so the job ends when
 * every delivery in it is terminal or re-enqueued.
 *
 * Failures: reads, claims and enqueues are retried for a while; outcomes are kept in memory and
 * written as soon as the database answers. A batch that still fails stops taking work, lets its
 * sends in flight finish, records every outcome, releases what it claimed but did not send, and
 * only then throws a CampaignBatchError (its code names the stage) — the queue's retry of the job
 * picks up the rest at once. Only a consumer that dies between a send and its recording leaves a
 * delivery 'sending'; when its lease expires the sweeper re-enqueues it — one duplicate at most.
 */
export async function sendCampaignBatch(options: BatchOptions): Promise<BatchResult> {
  try {
    return await sendBatch(options);
  } catch (e) {
    const failure = batchError('internal', e);
    logEvent('warn', 'campaign batch failed', {
      campaignId: options.job.campaignId,
      code: failure.code,
      cause: errorSummary(failure.cause),
    });
    throw failure;
  }
}

interface BatchOptions {
  deps: CoreDeps;
  job: { campaignId: string; deliveryIds: number[] };
  governor: SendGovernor;
  sender: CampaignSender;
  time?: PacingClock;
}

async function sendBatch(options: BatchOptions): Promise<BatchResult> {
  const { deps, job, governor, sender } = options;
  const time = options.time ?? realPacingClock;
  const settings = deps.config.campaigns;
  const result = emptyResult();
  const retrying = <T>(stage: BatchStage, fn: () => Promise<T>) => withRetries(time, stage, fn);

  const campaign = await retrying('read', () => campaignStatus(deps, job.campaignId, time, true));
  if (!campaign) return result;
  if (campaign.status === 'cancelled') {
    await retrying('record', () => cancelOpenDeliveries(deps.db, deps, job.campaignId, job.deliveryIds));
    return result;
  }
  if (campaign.status !== 'sending') return result;

  const rows = await retrying('read', () => readDeliveries(deps, job));
  const now = deps.clock.now();
  const leaseCut = now.getTime() - settings.leaseMs;
  let queue: OpenDelivery[] = [];
  const later = new Map<number, number>(); // delivery id → when it may be sent (pacing clock)
  for (const r of rows) {
    if (r.status === 'pending' && r.notBefore && r.notBefore.getTime() > now.getTime())
      later.set(r.id, time.now() + r.notBefore.getTime() - now.getTime());
    else if (
      r.attempts < settings.maxAttempts &&
      (r.status === 'pending' || (r.status === 'sending' && (r.claimedAt?.getTime() ?? 0) < leaseCut))
    )
      queue.push(r);
    else result.skipped += 1;
  }

  const variants = await retrying('read', () => loadVariants(deps, job.campaignId));
  const cancelled = async () =>
    (await retrying('read', () => campaignStatus(deps, job.campaignId, time)))?.status !== 'sending';
  const writer = outcomeWriter({ deps, campaignId: job.campaignId, result, time });
  const reports = reportBatcher(governor);
  const tasks: Promise<void>[] = [];
  let failure: CampaignBatchError | undefined;
  const fail = (stage: BatchStage, e: unknown) => {
    failure ??= batchError(stage, e);
  };

  /** Claims under a new lease (a retry keeps it); what a failed claim may have taken is released. */
  const claim = async (ids: number[]): Promise<{ lease: Lease; claimed: Set<number> }> => {
    const lease = { id: deps.ids.uuid(), at: deps.clock.now() };
    try {
      return {
        lease,
        claimed: await retrying('claim', () => claimDeliveries(deps, job.campaignId, ids, lease)),
      };
    } catch (e) {
      writer.release(ids, lease.id);
      throw e;
    }
  };

  /** Sends one claimed delivery at its slot and records the outcome. */
  const dispatch = (grant: SlotGrant, claimed: OpenDelivery & ClaimedDelivery) => {
    const task = (async () => {
      let sentAt: number | undefined; // from then on Telegram may have the message
      let photoFailed = false;
      let outcome: SendOutcome;
      try {
        // Never before the slot (a timer may fire a millisecond early): the governor counts on it.
        while (time.now() < grant.at) await time.sleep(grant.at - time.now());
        if (await cancelled()) {
          reports.add({ ...grant, outcome: 'not_sent' });
          writer.add(claimed, { kind: 'cancelled' });
          return;
        }
        const variant = pickVariant(variants, claimed.language);
        if (!variant) {
          reports.add({ ...grant, outcome: 'not_sent' });
          writer.add(claimed, { kind: 'bad_request', description: 'no variant for this language' });
          return;
        }
        const message = await buildCampaignMessage({
          config: deps.config,
          campaignId: job.campaignId,
          variant,
          chatId: claimed.chatId,
          deliveryId: claimed.id,
        });
        const loadPhoto = () =>
          readStoredFileBytes(deps, variant.imageFileId!).catch((e: unknown) => {
            photoFailed = true;
            throw e;
          });
        sentAt = time.now();
        outcome = await sender.send(message, loadPhoto);
        if (outcome.kind === 'sent' && outcome.photoFileId && !variant.imageTelegramFileId) {
          variant.imageTelegramFileId = outcome.photoFileId;
          // An optimisation only (later sends reuse the upload): its failure must not fail the send.
          void rememberTelegramPhoto(deps, job.campaignId, variant, outcome.photoFileId).catch(() => {});
        }
      } catch (e) {
        const maybeSent = sentAt !== undefined && !photoFailed;
        reports.add(
          maybeSent
            ? { ...grant, sentAt, completedAt: time.now(), outcome: 'failed' }
            : { ...grant, outcome: 'not_sent' },
        );
        // Never sent: the retried job may claim it at once. Sent without an answer (a bug in the
        // sender): it stays 'sending' until its lease expires, like after a crash.
        if (!maybeSent) writer.release([claimed.id], claimed.leaseId);
        fail('send', e);
        return;
      }
      writer.add(claimed, outcome);
      const done: SlotReport = {
        ...grant,
        sentAt,
        completedAt: time.now(),
        outcome: slotOutcome(outcome),
        ...(outcome.kind === 'rate_limited' ? { retryAfterMs: outcome.retryAfterSeconds * 1000 } : {}),
      };
      if (done.outcome === 'not_sent' || done.outcome === 'rate_limited') await replaceNow(done);
      else reports.add(done);
    })();
    tasks.push(task.catch((e: unknown) => fail('internal', e)));
  };

  /** Telegram did not take a message: try to use its capacity at once for the next delivery. */
  const replaceNow = async (refused: SlotReport) => {
    const next = failure ? undefined : queue.shift();
    if (!next) return reports.add(refused);
    let grant: SlotGrant | null;
    try {
      grant = await governor.replace({ chatId: next.chatId, reports: [refused] });
    } catch {
      // Only a missed chance: the main loop asks again (and reports the refusal with it).
      queue.unshift(next);
      return reports.add(refused);
    }
    if (!grant) return void queue.unshift(next);
    try {
      const { lease, claimed } = await claim([next.id]);
      if (claimed.has(next.id))
        return dispatch(grant, { ...next, attempts: next.attempts + 1, leaseId: lease.id });
      result.skipped += 1;
    } catch (e) {
      fail('claim', e);
    }
    reports.add({ ...grant, outcome: 'not_sent' });
  };

  try {
    while (!failure && queue.length > 0 && !(await cancelled())) {
      const taken = reports.take();
      const answer = await retrying('governor', () =>
        governor.acquire({ chatIds: queue.map((d) => d.chatId), reports: taken }),
      );
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

      const { lease, claimed } = await claim([...grantedIds]).catch((e: unknown) => {
        for (const { grant } of granted) reports.add({ ...grant, outcome: 'not_sent' });
        throw e;
      });
      for (const { grant, delivery } of granted) {
        if (!claimed.has(delivery.id)) {
          // Someone else holds it (a duplicate job, a live lease): give the slot back.
          reports.add({ ...grant, outcome: 'not_sent' });
          result.skipped += 1;
          continue;
        }
        dispatch(grant, { ...delivery, attempts: delivery.attempts + 1, leaseId: lease.id });
      }
    }
  } catch (e) {
    fail('internal', e);
  }

  // Tasks may have taken deliveries for replacement slots and put some back after the loop ended.
  for (let settled = 0; settled < tasks.length; ) {
    settled = tasks.length;
    await Promise.all(tasks);
  }
  await reports.close();
  // Whatever happened above, what was sent is recorded before the batch ends or gives up.
  await writer.close().catch((e: unknown) => fail('record', e));
  if (failure) throw failure;

  try {
    if (await cancelled()) {
      await retrying('record', () => cancelOpenDeliveries(deps.db, deps, job.campaignId, job.deliveryIds));
      return result;
    }
    // Retries and held chats go back to the queue with their delay; what was not sent stays 'pending'.
    for (const d of queue) later.set(d.id, time.now());
    const byDelay = new Map<number, number[]>();
    for (const [id, at] of [...later, ...writer.retries()]) {
      const delay = Math.max(1, Math.ceil((at - time.now()) / 1000));
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), id]);
    }
    for (const [delay, ids] of byDelay)
      await retrying('enqueue', () => enqueueSends(deps, job.campaignId, ids, delay));
    result.retried += later.size;
    if (byDelay.size === 0) await retrying('finish', () => finishCampaignIfDone(deps, job.campaignId));
    return result;
  } catch (e) {
    // Everything is recorded: the retried job finds what is left from the deliveries' rows.
    throw batchError('enqueue', e);
  }
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
