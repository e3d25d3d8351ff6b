import { and, eq, sql } from 'drizzle-orm';
import { campaignDeliveries, campaigns, campaignVariants } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { addCampaignEvent, loadCampaignFor } from './campaign-records';

/**
 * "Resend to the failed only": a new round with the same (already approved) content whose
 * recipients are exactly the people whose delivery failed — never those who got it, blocked the bot
 * or unsubscribed since. It starts 'approved', because neither the text nor the audience widened;
 * the officer then sends or schedules it like any campaign.
 */
export async function resendFailed(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const parent = await loadCampaignFor(tx, actor, options.campaignId, 'resendFailed', { forUpdate: true });
    const [failed] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(campaignDeliveries)
      .where(and(eq(campaignDeliveries.campaignId, parent.id), eq(campaignDeliveries.status, 'failed')));
    if (!failed?.n) throw new AppError('nothing_to_resend');
    const [round] = await tx
      .insert(campaigns)
      .values({
        title: parent.title,
        topic: parent.topic,
        audience: parent.audience,
        resendOf: parent.id,
        status: 'approved',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        submittedAt: now,
        approvedBy: parent.approvedBy,
        approvedAt: parent.approvedAt,
      })
      .returning();
    const variants = await tx
      .select()
      .from(campaignVariants)
      .where(eq(campaignVariants.campaignId, parent.id));
    if (variants.length > 0)
      await tx
        .insert(campaignVariants)
        .values(variants.map((v) => ({ ...v, campaignId: round!.id, updatedAt: now })));
    await addCampaignEvent(tx, deps, {
      campaignId: round!.id,
      type: 'resend_created',
      actorUserId: actor.userId,
      details: { resendOf: parent.id, failed: failed.n },
    });
    await addCampaignEvent(tx, deps, {
      campaignId: parent.id,
      type: 'resend_created',
      actorUserId: actor.userId,
      details: { round: round!.id, failed: failed.n },
    });
    return { id: round!.id, status: round!.status, recipients: failed.n };
  });
}
