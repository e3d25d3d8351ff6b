import { and, desc, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { CAMPAIGN_STATUSES, type CampaignAudience, campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { allows, couldEver } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { campaignPolicy } from './campaign-policy';
import { campaignSummary } from './get-campaign';

export const ZListCampaignsQuerySchema = z.object({
  /** Comma-separated statuses; default all. */
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(CAMPAIGN_STATUSES))),
  /** updatedAt of the last item of the previous page. */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** The publicity workbench: campaigns within the officer's scope, most recently changed first. */
export async function listCampaigns(options: {
  deps: CoreDeps;
  actor: Actor;
  query: z.infer<typeof ZListCampaignsQuerySchema>;
}) {
  const { deps, actor, query } = options;
  if (!couldEver(campaignPolicy.read, actor)) throw new AppError('forbidden');
  const items: (ReturnType<typeof campaignSummary> & { audience: CampaignAudience; createdBy: string })[] =
    [];
  let before = query.before ? new Date(query.before) : undefined;
  // Scope is on the audience (jsonb), so filter in pages until the page is full.
  for (let round = 0; round < 10 && items.length < query.limit; round++) {
    const rows = await deps.db
      .select()
      .from(campaigns)
      .where(
        and(
          query.status.length > 0 ? inArray(campaigns.status, query.status) : undefined,
          before ? lt(campaigns.updatedAt, before) : undefined,
        ),
      )
      .orderBy(desc(campaigns.updatedAt))
      .limit(query.limit * 2);
    for (const r of rows) {
      if (items.length < query.limit && allows(campaignPolicy.read, actor, r))
        items.push({ ...campaignSummary(r), audience: r.audience, createdBy: r.createdBy });
    }
    if (rows.length < query.limit * 2) break;
    before = rows.at(-1)!.updatedAt;
  }
  return { items };
}
