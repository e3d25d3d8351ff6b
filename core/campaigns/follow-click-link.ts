import { eq } from 'drizzle-orm';
import { campaignClicks, campaignDeliveries, campaignVariants } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { pickVariant } from './campaign-message';
import { readClickToken } from './click-token';

/**
 * A press on a campaign's link button (/c/<token>): records the click against the delivery and
 * returns where to send the browser. Unknown or forged tokens get not_found.
 */
export async function followClickLink(options: { deps: CoreDeps; token: string }) {
  const { deps } = options;
  const deliveryId = await readClickToken(deps.config.campaigns.linkSecret, options.token);
  if (deliveryId === null) throw new AppError('not_found');
  const [delivery] = await deps.db
    .select({
      id: campaignDeliveries.id,
      campaignId: campaignDeliveries.campaignId,
      userId: campaignDeliveries.userId,
      language: campaignDeliveries.language,
    })
    .from(campaignDeliveries)
    .where(eq(campaignDeliveries.id, deliveryId));
  if (!delivery) throw new AppError('not_found');
  const variants = await deps.db
    .select({ language: campaignVariants.language, button: campaignVariants.button })
    .from(campaignVariants)
    .where(eq(campaignVariants.campaignId, delivery.campaignId));
  const target = pickVariant(variants, delivery.language)?.button;
  if (target?.kind !== 'url') throw new AppError('not_found');
  await deps.db.insert(campaignClicks).values({
    campaignId: delivery.campaignId,
    deliveryId: delivery.id,
    userId: delivery.userId,
    via: 'url',
    at: deps.clock.now(),
  });
  return { url: target.target };
}
