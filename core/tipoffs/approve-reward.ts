import { eq } from 'drizzle-orm';
import { tipRewards } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { addWorkingDays } from '../certificates/working-days';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';
import { loadRewardFor, rewardItem } from './list-rewards';
import { addTipEvent, notifyReporter } from './tip-records';
import { needsSecondApproval } from './tipoff-policy';

/**
 * Finance approves a proposed reward (never the proposer). At or above the threshold it then awaits a
 * second approval by a different finance officer or an admin (neither proposer nor first approver).
 * Once approved the reporter may claim it within the claim window (working days) and is told.
 */
export async function approveReward(options: { deps: CoreDeps; actor: Actor; rewardId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const { tipoffs: settings, calendar } = await runtimeSettings(deps);
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadRewardFor(tx, actor, options.rewardId, 'approve');
    const r = row.reward;
    const second = r.status === 'awaiting_second';
    const final = second || !needsSecondApproval(r.amountYuan, settings.secondApprovalYuan);
    const set: Partial<typeof tipRewards.$inferInsert> = second
      ? { secondApprovedBy: actor.userId, secondApprovedAt: now }
      : { approvedBy: actor.userId, approvedAt: now };
    set.status = final ? 'approved' : 'awaiting_second';
    if (final) {
      set.claimDeadline = addWorkingDays({
        from: now,
        days: settings.claimWorkingDays,
        calendar,
      });
    }
    const [updated] = await tx.update(tipRewards).set(set).where(eq(tipRewards.id, r.id)).returning();
    if (final) {
      await addTipEvent(tx, deps, {
        tipId: row.tipId,
        type: 'reward_approved',
        actorOfficerId: actor.userId,
      });
    }
    return { row, updated: updated!, final };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: result.row.reward.status === 'awaiting_second' ? 'tip_reward.confirm' : 'tip_reward.approve',
      recordType: 'tip_reward',
      recordId: result.updated.id,
      details: { amountYuan: result.updated.amountYuan, status: result.updated.status },
    },
  });
  if (result.final) {
    await notifyReporter(deps, result.row.tipId, 'tipoffs:notify.reporterRewardApproved', {
      number: result.row.number,
      amount: result.updated.amountYuan,
    });
  }
  return rewardItem(deps, actor, result.updated, result.row);
}
