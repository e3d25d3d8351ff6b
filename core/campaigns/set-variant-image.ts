import { and, eq } from 'drizzle-orm';
import { campaignVariants, type UserLanguage } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { sniffContentType } from '../files/sniff-content-type';
import { storeFile } from '../files/store-file';
import { CAMPAIGN_IMAGE_PURPOSE, CAMPAIGN_IMAGE_TYPES } from './campaign-image';
import { loadCampaignFor } from './campaign-records';

/**
 * Attaches (or with `bytes: null` removes) the image of one language's message. Stored like every
 * upload (type checked by its bytes, metadata stripped); JPEG and PNG only, as Telegram photos.
 */
export async function setVariantImage(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  language: UserLanguage;
  bytes: Uint8Array | null;
}) {
  const { deps, actor } = options;
  const row = await loadCampaignFor(deps.db, actor, options.campaignId, 'edit');
  const where = and(eq(campaignVariants.campaignId, row.id), eq(campaignVariants.language, options.language));
  const [variant] = await deps.db.select().from(campaignVariants).where(where);
  if (!variant) throw new AppError('not_found');
  let imageFileId: string | null = null;
  if (options.bytes) {
    const type = sniffContentType(options.bytes);
    if (!type || !(CAMPAIGN_IMAGE_TYPES as readonly string[]).includes(type))
      throw new AppError('unsupported_media_type');
    const stored = await storeFile({
      deps,
      ownerUserId: actor.userId,
      purpose: CAMPAIGN_IMAGE_PURPOSE,
      bytes: options.bytes,
    });
    imageFileId = stored.id;
  }
  await deps.db
    .update(campaignVariants)
    .set({ imageFileId, imageTelegramFileId: null, updatedAt: deps.clock.now() })
    .where(where);
  return { imageFileId };
}
