import { eq } from 'drizzle-orm';
import { campaignDeliveries } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { countClickOnce, deliveredButton } from './campaign-clicks';
import { readClickToken } from './click-token';

/**
 * A press on a campaign's link button (/c/<token>): counts the recipient's first press and returns
 * where to send the browser (every time). Unknown or forged tokens get not_found.
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
  const button = await deliveredButton(deps, delivery);
  if (button?.kind !== 'url') throw new AppError('not_found');
  await countClickOnce(deps, delivery, 'url');
  return { url: button.target };
}
