// Counting presses of a campaign's button: only a recipient's press of the button their message
// carried counts, and only once (one row per delivery). Used by the link redirect (/c/<token>) and
// the mini app's report (?c=<campaign id>).
import { eq } from 'drizzle-orm';
import { campaignClicks, campaignVariants } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { pickVariant } from './campaign-message';

export interface ClickedDelivery {
  id: number;
  campaignId: string;
  userId: string;
  language: string;
}

/** The button of the variant this recipient was sent (their language, else zh-CN), or undefined. */
export async function deliveredButton(deps: CoreDeps, delivery: ClickedDelivery) {
  const variants = await deps.db
    .select({ language: campaignVariants.language, button: campaignVariants.button })
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, delivery.campaignId));
  return pickVariant(variants, delivery.language)?.button ?? undefined;
}

/** Records the first press of this delivery's button; a repeat changes nothing. */
export async function countClickOnce(deps: CoreDeps, delivery: ClickedDelivery, via: 'url' | 'mini_app') {
  await deps.db
    .insert(campaignClicks)
    .values({
      campaignId: delivery.campaignId,
      deliveryId: delivery.id,
      userId: delivery.userId,
      via,
      at: deps.clock.now(),
    })
    .onConflictDoNothing({ target: campaignClicks.deliveryId });
}
