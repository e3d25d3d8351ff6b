import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaignDeliveries, campaigns } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { logEvent } from '../log';
import { enqueueSends, finishCampaignIfDone } from './delivery-records';

const PAGE = 1000;

/**
 * Cron (every minute), the engine's safety net for sending campaigns:
 * - a materialisation that stopped moving (its job lost) is enqueued again;
 * - deliveries claimed by a consumer that died (lease expired) are enqueued again — the one
 *   duplicate a crash may cost — or failed once they used up their attempts;
 * - a campaign without progress for stallMs has all its due pending deliveries enqueued again
 *   (send jobs lost between insert and enqueue, or dead-lettered while the database was down);
 * - a campaign with nothing left open becomes 'sent'.
 * Memory stays O(page): ids are read and enqueued a thousand at a time.
 */
export async function sweepCampaigns(options: {
  deps: CoreDeps;
  /** Only these campaigns (tests keep to their own; the cron sweeps all). */
  campaignIds?: string[];
}) {
  const { deps } = options;
  const settings = deps.config.campaigns;
  const now = deps.clock.now();
  const leaseCut = new Date(now.getTime() - settings.leaseMs).toISOString();
  const stallCut = new Date(now.getTime() - settings.stallMs);
  const sending = await deps.db
    .select({ id: campaigns.id, materialized: campaigns.materialized, updatedAt: campaigns.updatedAt })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, 'sending'),
        options.campaignIds ? inArray(campaigns.id, options.campaignIds) : undefined,
      ),
    );
  let requeued = 0;
  let finished = 0;
  for (const c of sending) {
    if (!c.materialized && c.updatedAt < stallCut) {
      await deps.db.update(campaigns).set({ updatedAt: now }).where(eq(campaigns.id, c.id));
      await deps.broadcast.send({ type: 'campaign-materialize', campaignId: c.id });
      requeued += 1;
    }
    await deps.db
      .update(campaignDeliveries)
      .set({ status: 'failed', errorCode: 'lease_expired', updatedAt: now })
      .where(
        and(
          eq(campaignDeliveries.campaignId, c.id),
          eq(campaignDeliveries.status, 'sending'),
          sql`${campaignDeliveries.claimedAt} < ${leaseCut}`,
          sql`${campaignDeliveries.attempts} >= ${settings.maxAttempts}`,
        ),
      );
    requeued += await requeue(deps, c.id, sql`status = 'sending' and claimed_at < ${leaseCut}`);
    const [progress] = await deps.db.execute<{ recent: boolean }>(sql`
      select exists (select 1 from campaign_deliveries where campaign_id = ${c.id}
        and updated_at >= ${stallCut.toISOString()}) as recent`);
    if (!progress?.recent)
      requeued += await requeue(
        deps,
        c.id,
        sql`status = 'pending' and (not_before is null or not_before <= ${now.toISOString()})`,
      );
    if (await finishCampaignIfDone(deps, c.id)) finished += 1;
  }
  if (requeued > 0) logEvent('warn', 'campaign sweeper re-enqueued work', { requeued });
  return { sending: sending.length, requeued, finished };
}

async function requeue(deps: CoreDeps, campaignId: string, where: ReturnType<typeof sql>): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const rows = await deps.db.execute<{ id: string }>(sql`
      select id::text from campaign_deliveries
      where campaign_id = ${campaignId} and ${where} and id > ${after}
      order by id limit ${PAGE}`);
    if (rows.length === 0) return total;
    const ids = rows.map((r) => Number(r.id));
    await enqueueSends(deps, campaignId, ids);
    total += ids.length;
    after = ids.at(-1)!;
    if (rows.length < PAGE) return total;
  }
}
