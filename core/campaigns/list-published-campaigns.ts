import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, campaignVariants, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { pickVariant } from './campaign-message';
import { htmlToPlainText } from './telegram-html';

export const ZPublishedQuerySchema = z.object({
  /** startedAt of the last item of the previous page. */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/**
 * Past campaigns for residents (mini app): sent campaigns of the topics they subscribe to, for all
 * villages or theirs, in their language (zh-CN when there is no variant). Resend rounds repeat their
 * original and are left out.
 */
export async function listPublishedCampaigns(options: {
  deps: CoreDeps;
  actor: Actor;
  query: z.infer<typeof ZPublishedQuerySchema>;
}) {
  const { deps, actor, query } = options;
  const me = await reader(deps, actor);
  const rows = await deps.db
    .select()
    .from(campaigns)
    .where(
      and(
        inArray(campaigns.status, ['sending', 'sent']),
        isNull(campaigns.resendOf),
        sql`exists (select 1 from subscriptions s where s.user_id = ${actor.userId} and s.topic = ${campaigns.topic})`,
        villageFilter(me.villageId),
        query.before ? lt(campaigns.startedAt, new Date(query.before)) : undefined,
      ),
    )
    .orderBy(desc(campaigns.startedAt))
    .limit(query.limit);
  const variants =
    rows.length === 0
      ? []
      : await deps.db
          .select()
          .from(campaignVariants)
          .where(
            inArray(
              campaignVariants.campaignId,
              rows.map((r) => r.id),
            ),
          );
  return {
    items: rows.map((r) => {
      const v = pickVariant(
        variants.filter((x) => x.campaignId === r.id),
        me.language,
      );
      return {
        id: r.id,
        topic: r.topic,
        title: r.title,
        language: v?.language ?? 'zh-CN',
        preview: htmlToPlainText(v?.text ?? '').slice(0, 140),
        hasImage: Boolean(v?.imageFileId),
        publishedAt: (r.startedAt ?? r.updatedAt).toISOString(),
      };
    }),
  };
}

export async function reader(deps: CoreDeps, actor: Actor) {
  const [me] = await deps.db
    .select({ language: users.language, villageId: users.villageId })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!me) throw new AppError('not_found');
  return me;
}

export function villageFilter(villageId: number | null) {
  // Campaigns for all villages, or for the reader's own.
  return villageId === null
    ? sql`jsonb_array_length(${campaigns.audience}->'villageIds') = 0`
    : sql`(jsonb_array_length(${campaigns.audience}->'villageIds') = 0 or ${campaigns.audience}->'villageIds' @> ${JSON.stringify([villageId])}::jsonb)`;
}
