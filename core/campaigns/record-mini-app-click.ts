import { and, eq, inArray } from 'drizzle-orm';
import { campaignDeliveries, campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { countClickOnce, deliveredButton } from './campaign-clicks';

/**
 * The mini app reports that a person opened it from a campaign's button (?c=<campaign id>). It counts
 * only when the person was sent this campaign with a mini app button, and only once. Anything else
 * (not a recipient, a link button or none, a repeat, an unknown campaign) answers the same success
 * and changes nothing, so the report can neither inflate the figures nor probe who received what.
 */
export async function recordMiniAppClick(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const [delivery] = await deps.db
    .select({
      id: campaignDeliveries.id,
      campaignId: campaignDeliveries.campaignId,
      userId: campaignDeliveries.userId,
      language: campaignDeliveries.language,
    })
    .from(campaignDeliveries)
    .innerJoin(campaigns, eq(campaigns.id, campaignDeliveries.campaignId))
    .where(
      and(
        eq(campaignDeliveries.campaignId, options.campaignId),
        eq(campaignDeliveries.userId, actor.userId),
        eq(campaignDeliveries.status, 'sent'),
        inArray(campaigns.status, ['sending', 'sent']),
      ),
    );
  if (!delivery) return;
  if ((await deliveredButton(deps, delivery))?.kind !== 'mini_app') return;
  await countClickOnce(deps, delivery, 'mini_app');
}
