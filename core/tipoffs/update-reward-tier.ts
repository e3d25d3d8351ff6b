import { rewardTiers } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { rewardPolicy } from './tipoff-policy';
import { type TipCategory, ZRewardTierSchema } from './tipoff-schema';

/** An admin edits a category's published reward range (audited); max 0 = no cash reward. */
export async function updateRewardTier(options: {
  deps: CoreDeps;
  actor: Actor;
  category: TipCategory;
  input: { minYuan: number; maxYuan: number };
}) {
  const { deps, actor, category } = options;
  enforce(rewardPolicy.editTiers, actor, {
    status: 'proposed',
    amountYuan: 0,
    proposedBy: '',
    approvedBy: null,
  });
  const input = parseOrThrow(ZRewardTierSchema, options.input);
  const values = {
    minYuan: input.minYuan,
    maxYuan: input.maxYuan,
    updatedAt: deps.clock.now(),
    updatedBy: actor.userId,
  };
  await deps.db
    .insert(rewardTiers)
    .values({ category, ...values })
    .onConflictDoUpdate({ target: rewardTiers.category, set: values });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'reward_tier.update',
      recordType: 'reward_tier',
      recordId: category,
      details: { minYuan: input.minYuan, maxYuan: input.maxYuan },
    },
  });
  return { category, minYuan: input.minYuan, maxYuan: input.maxYuan };
}
