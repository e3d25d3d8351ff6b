import { and, eq, inArray } from 'drizzle-orm';
import { campaigns, campaignVariants, type UserLanguage } from '../../db/schema';
import { type Actor, hasRole } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { readStoredFile } from './campaign-image';
import { APPROVE_ROLES, loadCampaignInScope } from './campaign-records';

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
  const officer = hasRole(actor, APPROVE_ROLES);
  if (officer) await loadCampaignInScope(deps.db, actor, options.campaignId);
  else {
    const [published] = await deps.db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.id, options.campaignId), inArray(campaigns.status, ['sending', 'sent'])));
    if (!published) throw new AppError('not_found');
  }
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
