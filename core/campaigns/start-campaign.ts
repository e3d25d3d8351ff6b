import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { logEvent } from '../log';
import { audienceCondition } from './audience';
import { addCampaignEvent } from './campaign-records';

/**
 * approved/scheduled → sending: counts the audience (for "remaining" before every recipient is
 * materialised) and enqueues the first materialisation chunk. If the enqueue is lost, the sweeper
 * notices a sending campaign that does not move and enqueues it again.
 */
export async function startCampaign(options: {
  deps: CoreDeps;
  campaignId: string;
  actorUserId: string | null;
}): Promise<boolean> {
  const { deps, campaignId } = options;
  const now = deps.clock.now();
  const started = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, campaignId), inArray(campaigns.status, ['approved', 'scheduled'])))
      .for('update');
    if (!row) return false;
    const [count] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from users u where ${audienceCondition({ topic: row.topic, audience: row.audience, resendOf: row.resendOf })}`,
    );
    await tx
      .update(campaigns)
      .set({ status: 'sending', startedAt: now, updatedAt: now, audienceSize: count?.n ?? 0 })
      .where(eq(campaigns.id, campaignId));
    await addCampaignEvent(tx, deps, {
      campaignId,
      type: 'started',
      actorUserId: options.actorUserId,
      details: { audience: count?.n ?? 0 },
    });
    return true;
  });
  if (!started) return false;
  logEvent('info', 'campaign started', { campaignId });
  await deps.broadcast.send({ type: 'campaign-materialize', campaignId });
  return true;
}
