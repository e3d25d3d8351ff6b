import { eq } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { logEvent } from '../log';
import { addCampaignEvent, loadCampaignFor } from './campaign-records';
import { cancelOpenDeliveries } from './delivery-records';

/**
 * Stops a campaign before or while it is sent (publicity officers in scope, admins). Open deliveries
 * become 'cancelled' in the same transaction, claims stop at once (they require a sending campaign)
 * and consumers re-read the status before each send, so sending stops within about a second.
 */
export async function cancelCampaign(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'cancel', { forUpdate: true });
    await tx
      .update(campaigns)
      .set({ status: 'cancelled', cancelledAt: now, cancelledBy: actor.userId, updatedAt: now })
      .where(eq(campaigns.id, row.id));
    await cancelOpenDeliveries(tx, deps, row.id);
    await addCampaignEvent(tx, deps, {
      campaignId: row.id,
      type: 'cancelled',
      actorUserId: actor.userId,
      details: { from: row.status },
    });
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'campaign.cancel',
      recordType: 'campaign',
      recordId: options.campaignId,
    },
  });
  logEvent('info', 'campaign cancelled', { campaignId: options.campaignId });
  return { status: 'cancelled' as const };
}
