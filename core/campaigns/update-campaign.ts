import { eq } from 'drizzle-orm';
import { campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { assertAudienceAllowed, loadCampaignFor } from './campaign-records';
import { ZCampaignInputSchema } from './campaign-schema';

/** The author changes a draft's title, topic or audience. */
export async function updateCampaign(options: {
  deps: CoreDeps;
  actor: Actor;
  campaignId: string;
  input: unknown;
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZCampaignInputSchema, options.input);
  return deps.db.transaction(async (tx) => {
    const row = await loadCampaignFor(tx, actor, options.campaignId, 'edit', { forUpdate: true });
    await assertAudienceAllowed(tx, actor, input.audience);
    await tx
      .update(campaigns)
      .set({ ...input, updatedAt: deps.clock.now() })
      .where(eq(campaigns.id, row.id));
    return { id: row.id };
  });
}
