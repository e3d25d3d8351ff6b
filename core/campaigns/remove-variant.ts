import { and, eq } from 'drizzle-orm';
import { campaignVariants, type UserLanguage } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { loadCampaignFor } from './campaign-records';

/** The author drops the message in one language (recipients then get the zh-CN one). */
export async function removeVariant(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  language: UserLanguage;
}) {
  const { deps, actor } = options;
  await deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'edit', { forUpdate: true });
    await tx
      .delete(campaignVariants)
      .where(and(eq(campaignVariants.campaignId, row.id), eq(campaignVariants.language, options.language)));
  });
}
