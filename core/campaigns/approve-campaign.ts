import { eq } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { addCampaignEvent, loadCampaignFor, notifyAuthor } from './campaign-records';

/**
 * Four eyes: a submitted campaign is approved by a publicity officer (in scope) or an admin who is
 * not its author. Approval is audited and locks the content.
 */
export async function approveCampaign(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'approve', { forUpdate: true });
    const [updated] = await tx
      .update(campaigns)
      .set({ status: 'approved', approvedBy: actor.userId, approvedAt: now, updatedAt: now })
      .where(eq(campaigns.id, row.id))
      .returning();
    await addCampaignEvent(tx, deps, { campaignId: row.id, type: 'approved', actorUserId: actor.userId });
    return updated!;
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'campaign.approve',
      recordType: 'campaign',
      recordId: row.id,
    },
  });
  await notifyAuthor(deps, row, 'approved', { title: row.title });
  return { status: row.status };
}
