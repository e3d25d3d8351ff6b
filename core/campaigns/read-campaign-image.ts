import { and, eq } from 'drizzle-orm';
import { campaignVariants, type UserLanguage } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { readStoredFile } from './campaign-image';
import { loadCampaignFor } from './campaign-records';

/**
 * The image of one language's message: for officers in scope at any stage, for everyone else once
 * the campaign is out (it is public information then).
 */
export async function readCampaignImage(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  language: UserLanguage;
}) {
  const { deps, actor } = options;
  await loadCampaignFor(deps.db, actor, options.campaignId, 'readImage');
  const [variant] = await deps.db
    .select({ imageFileId: campaignVariants.imageFileId })
    .from(campaignVariants)
    .where(
      and(
        eq(campaignVariants.campaignId, options.campaignId),
        eq(campaignVariants.language, options.language),
      ),
    );
  if (!variant?.imageFileId) throw new AppError('not_found');
  return readStoredFile(deps, variant.imageFileId);
}
