import { campaigns } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { couldEver } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { campaignPolicy } from './campaign-policy';
import { addCampaignEvent, assertAudienceAllowed } from './campaign-records';
import { ZCampaignInputSchema } from './campaign-schema';

/** A publicity officer starts a draft: title, topic and audience (villages within their scope). */
export async function createCampaign(options: { deps: CoreDeps; actor: Actor; input: unknown }) {
  const { deps, actor } = options;
  // The role first, so a stranger learns nothing from validation; the audience's scope after parsing.
  if (!couldEver(campaignPolicy.create, actor)) throw new AppError('forbidden');
  const input = parseOrThrow(ZCampaignInputSchema, options.input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await assertAudienceAllowed(tx, actor, input.audience);
    const [row] = await tx
      .insert(campaigns)
      .values({ ...input, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning();
    await addCampaignEvent(tx, deps, { campaignId: row!.id, type: 'created', actorUserId: actor.userId });
    return { id: row!.id, status: row!.status };
  });
}
