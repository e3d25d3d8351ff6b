import { and, eq, inArray } from 'drizzle-orm';
import { campaigns, campaignVariants } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { pickVariant } from './campaign-message';
import { reader, villageFilter } from './list-published-campaigns';

/** One past campaign, in the reader's language: full text (Telegram HTML), image flag, button. */
export async function getPublishedCampaign(options: { deps: CoreDeps; actor: Actor; campaignId: string }) {
  const { deps, actor } = options;
  const me = await reader(deps, actor);
  const [row] = await deps.db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.id, options.campaignId),
        inArray(campaigns.status, ['sending', 'sent']),
        villageFilter(me.villageId),
      ),
    );
  if (!row) throw new AppError('not_found');
  const v = pickVariant(
    await deps.db.select().from(campaignVariants).where(eq(campaignVariants.campaignId, row.id)),
    me.language,
  );
  if (!v) throw new AppError('not_found');
  return {
    id: row.id,
    topic: row.topic,
    title: row.title,
    language: v.language,
    html: v.text,
    hasImage: v.imageFileId !== null,
    button: v.button,
    publishedAt: (row.startedAt ?? row.updatedAt).toISOString(),
  };
}
