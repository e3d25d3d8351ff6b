import { and, eq, inArray } from 'drizzle-orm';
import { campaignClicks, campaignDeliveries, campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

/** The mini app reports that a person opened it from a campaign's button (?c=<campaign id>). */
export async function recordMiniAppClick(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const [campaign] = await deps.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, options.campaignId), inArray(campaigns.status, ['sending', 'sent'])));
  if (!campaign) throw new AppError('not_found');
  const [delivery] = await deps.db
    .select({ id: campaignDeliveries.id })
    .from(campaignDeliveries)
    .where(and(eq(campaignDeliveries.campaignId, campaign.id), eq(campaignDeliveries.userId, actor.userId)));
  await deps.db.insert(campaignClicks).values({
    campaignId: campaign.id,
    deliveryId: delivery?.id ?? null,
    userId: actor.userId,
    via: 'mini_app',
    at: deps.clock.now(),
  });
}
