import { and, desc, eq } from 'drizzle-orm';
import { tipRewards } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { couldEver, enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { rewardItem } from './list-rewards';
import { addTipEvent, findTipByReceipt, today } from './tip-records';
import { rewardPolicy } from './tipoff-policy';

/**
 * At the office: finance scans the receipt's QR (the receipt is all that is needed) and the approved
 * reward is marked claimed in person; it is then paid out and marked paid with a reference.
 */
export async function claimRewardInPerson(options: { deps: CoreDeps; actor: Actor; receipt: string }) {
  const { deps, actor } = options;
  if (!couldEver(rewardPolicy.claimInPerson, actor)) throw new AppError('forbidden');
  const tip = await findTipByReceipt(deps.db, deps, options.receipt);
  const [reward] = await deps.db
    .select()
    .from(tipRewards)
    .where(eq(tipRewards.tipId, tip.id))
    .orderBy(desc(tipRewards.proposedAt))
    .limit(1);
  if (!reward) throw new AppError('invalid_transition');
  enforce(rewardPolicy.claimInPerson, actor, reward);
  if (reward.claimDeadline && reward.claimDeadline < deps.clock.now())
    throw new AppError('invalid_transition');
  const [updated] = await deps.db
    .update(tipRewards)
    .set({ status: 'claimed', claimMethod: 'in_person', claimedDay: today(deps) })
    .where(and(eq(tipRewards.id, reward.id), eq(tipRewards.status, 'approved')))
    .returning();
  if (!updated) throw new AppError('conflict');
  await addTipEvent(deps.db, deps, { tipId: tip.id, type: 'reward_claimed', actorOfficerId: actor.userId });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip_reward.claim_in_person',
      recordType: 'tip_reward',
      recordId: reward.id,
    },
  });
  return rewardItem(deps, actor, updated, tip);
}
