import { eq } from 'drizzle-orm';
import { tipRewards } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { loadRewardFor, rewardItem } from './list-rewards';
import { addTipEvent } from './tip-records';
import { ZDeclineRewardSchema } from './tipoff-schema';

/** Finance (or an admin) declines a proposal with a reason; the handler may propose again. */
export async function declineReward(options: {
  deps: CoreDeps;
  actor: Actor;
  rewardId: string;
  input: { reason: string };
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZDeclineRewardSchema, options.input);
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadRewardFor(tx, actor, options.rewardId, 'decline');
    const [updated] = await tx
      .update(tipRewards)
      .set({ status: 'declined', declinedBy: actor.userId, declineReason: input.reason })
      .where(eq(tipRewards.id, row.reward.id))
      .returning();
    await addTipEvent(tx, deps, {
      tipId: row.tipId,
      type: 'reward_declined',
      actorOfficerId: actor.userId,
      note: input.reason,
      visible: false,
    });
    return { row, updated: updated! };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip_reward.decline',
      recordType: 'tip_reward',
      recordId: result.updated.id,
    },
  });
  return rewardItem(deps, actor, result.updated, result.row);
}
