// Shared by the delivery engine's use cases (materialise, send, sweep, cancel): enqueueing send jobs,
// cancelling open deliveries, finishing a campaign. Not a use case itself.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaignDeliveries, campaigns } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { logEvent } from '../log';
import { addCampaignEvent, notifyAuthor, type Tx } from './campaign-records';

/**
 * Delivery ids per 'campaign-send' job (at most what ZJob takes): about 3 s of sending at 30/s, a
 * blink at 1000/s. A job's reads, its status check and its finish check are paid once per job.
 */
export const SEND_BATCH_SIZE = 100;
/** Cloudflare Queues take at most 100 messages per sendBatch call. */
const QUEUE_BATCH_LIMIT = 100;

/** Enqueues send jobs for these deliveries, ≤ SEND_BATCH_SIZE ids each, after `delaySeconds`. */
export async function enqueueSends(
  deps: CoreDeps,
  campaignId: string,
  deliveryIds: readonly number[],
  delaySeconds = 0,
): Promise<number> {
  const messages: {
    body: { type: 'campaign-send'; campaignId: string; deliveryIds: number[] };
    delaySeconds?: number;
  }[] = [];
  for (let i = 0; i < deliveryIds.length; i += SEND_BATCH_SIZE) {
    messages.push({
      body: { type: 'campaign-send', campaignId, deliveryIds: deliveryIds.slice(i, i + SEND_BATCH_SIZE) },
      ...(delaySeconds > 0 ? { delaySeconds: Math.min(43_200, Math.ceil(delaySeconds)) } : {}),
    });
  }
  for (let i = 0; i < messages.length; i += QUEUE_BATCH_LIMIT) {
    await deps.broadcast.sendBatch(messages.slice(i, i + QUEUE_BATCH_LIMIT));
  }
  return messages.length;
}

/** Open (pending) deliveries of a cancelled campaign become 'cancelled'; claimed ones finish or stop. */
export async function cancelOpenDeliveries(
  db: Tx,
  deps: CoreDeps,
  campaignId: string,
  deliveryIds?: readonly number[],
): Promise<void> {
  await db
    .update(campaignDeliveries)
    .set({ status: 'cancelled', updatedAt: deps.clock.now() })
    .where(
      and(
        eq(campaignDeliveries.campaignId, campaignId),
        eq(campaignDeliveries.status, 'pending'),
        deliveryIds ? inArray(campaignDeliveries.id, [...deliveryIds]) : undefined,
      ),
    );
}

/**
 * A sending campaign whose recipients are all materialised and none is open any more is 'sent'. Safe
 * to call from every batch and the sweeper: only one caller wins the transition.
 */
export async function finishCampaignIfDone(deps: CoreDeps, campaignId: string): Promise<boolean> {
  // The cheap check first (index only): every batch but the last stops here.
  const [open] = await deps.db.execute(
    sql`select 1 from campaign_deliveries where campaign_id = ${campaignId} and status in ('pending', 'sending') limit 1`,
  );
  if (open) return false;
  const now = deps.clock.now();
  const finished = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ status: 'sent', finishedAt: now, updatedAt: now })
      .where(
        and(
          eq(campaigns.id, campaignId),
          eq(campaigns.status, 'sending'),
          eq(campaigns.materialized, true),
          sql`not exists (select 1 from campaign_deliveries d where d.campaign_id = ${campaignId} and d.status in ('pending', 'sending'))`,
        ),
      )
      .returning();
    if (!row) return null;
    const counts = await tx
      .select({ status: campaignDeliveries.status, n: sql<number>`count(*)::int` })
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, campaignId))
      .groupBy(campaignDeliveries.status);
    const by = Object.fromEntries(counts.map((c) => [c.status, c.n]));
    const details = { sent: by.sent ?? 0, failed: by.failed ?? 0, blocked: by.blocked ?? 0 };
    await addCampaignEvent(tx, deps, { campaignId, type: 'finished', actorUserId: null, details });
    return { row, details };
  });
  if (!finished) return false;
  logEvent('info', 'campaign finished', { campaignId, ...finished.details });
  await notifyAuthor(deps, finished.row, 'finished', finished.details);
  return true;
}
