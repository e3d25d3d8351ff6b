import { eq } from 'drizzle-orm';
import { tipRewards } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { parseOrThrow } from '../validation';
import { loadRewardFor, rewardItem } from './list-rewards';
import { addTipEvent, notifyReporter } from './tip-records';
import { ZMarkPaidSchema } from './tipoff-schema';

/** Finance marks a claimed reward paid with a payment reference; the bank details are deleted now. */
export async function markRewardPaid(options: {
  deps: CoreDeps;
  actor: Actor;
  rewardId: string;
  input: { reference: string };
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZMarkPaidSchema, options.input);
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadRewardFor(tx, actor, options.rewardId, 'markPaid');
    const [updated] = await tx
      .update(tipRewards)
      .set({
        status: 'paid',
        paidBy: actor.userId,
        paidAt: deps.clock.now(),
        paymentReference: input.reference,
        bankDetailsSealed: null,
      })
      .where(eq(tipRewards.id, row.reward.id))
      .returning();
    await addTipEvent(tx, deps, { tipId: row.tipId, type: 'reward_paid', actorOfficerId: actor.userId });
    return { row, updated: updated! };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip_reward.paid',
      recordType: 'tip_reward',
      recordId: result.updated.id,
      details: { amountYuan: result.updated.amountYuan },
    },
  });
  await notifyReporter(deps, result.row.tipId, 'tipoffs:notify.reporterRewardPaid', {
    number: result.row.number,
  });
  return rewardItem(deps, actor, result.updated, result.row);
}
