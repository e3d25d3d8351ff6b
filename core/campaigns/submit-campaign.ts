import { eq } from 'drizzle-orm';
import { campaigns, campaignVariants } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError, type FieldIssue } from '../errors';
import { addCampaignEvent, loadCampaignFor, notifyApprovers } from './campaign-records';
import { MAX_CAPTION_CHARS } from './campaign-schema';
import { checkTelegramHtml } from './telegram-html';

/**
 * The author hands the draft to approval. Everything that is missing is reported at once: a
 * Simplified Chinese message (every recipient's fallback) and captions short enough for images.
 */
export async function submitCampaign(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'submit', { forUpdate: true });
    const variants = await tx.select().from(campaignVariants).where(eq(campaignVariants.campaignId, row.id));
    const fields: FieldIssue[] = [];
    if (!variants.some((v) => v.language === 'zh-CN'))
      fields.push({ path: 'variants.zh-CN', message: 'campaigns:validation.zhCnRequired' });
    for (const v of variants) {
      const checked = checkTelegramHtml(v.text);
      if (v.imageFileId && checked.ok && checked.visibleLength > MAX_CAPTION_CHARS)
        fields.push({ path: `variants.${v.language}.text`, message: 'campaigns:validation.captionTooLong' });
    }
    if (fields.length > 0) throw new AppError('validation_failed', { fields });
    const [updated] = await tx
      .update(campaigns)
      .set({ status: 'submitted', submittedAt: now, updatedAt: now })
      .where(eq(campaigns.id, row.id))
      .returning();
    await addCampaignEvent(tx, deps, { campaignId: row.id, type: 'submitted', actorUserId: actor.userId });
    return updated!;
  });
  await notifyApprovers(deps, row);
  return { status: row.status };
}
