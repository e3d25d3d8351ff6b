import { desc, eq } from 'drizzle-orm';
import { tipRewards, tips } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { canFlags, enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { Tx } from './tip-records';
import { needsSecondApproval, rewardPolicy } from './tipoff-policy';

export type RewardRow = typeof tipRewards.$inferSelect;

/** A reward as finance sees it: amounts, steps and dates — never who reported, never the bank details. */
export function rewardItem(
  deps: CoreDeps,
  actor: Actor,
  r: RewardRow,
  tip: { number: number; category: string },
) {
  return {
    id: r.id,
    tipNumber: tip.number,
    category: tip.category,
    amountYuan: r.amountYuan,
    status: r.status,
    proposedAt: r.proposedAt.toISOString(),
    approvedAt: r.approvedAt?.toISOString() ?? null,
    secondApprovedAt: r.secondApprovedAt?.toISOString() ?? null,
    claimDeadline: r.claimDeadline?.toISOString() ?? null,
    claimMethod: r.claimMethod,
    claimedDay: r.claimedDay,
    paidAt: r.paidAt?.toISOString() ?? null,
    paymentReference: r.paymentReference,
    declineReason: r.declineReason,
    needsSecondApproval: needsSecondApproval(r.amountYuan, deps.config.tipoffs.secondApprovalYuan),
    hasBankDetails: r.bankDetailsSealed !== null,
    can: canFlags(rewardPolicy, actor, r, [
      'approve',
      'decline',
      'claimInPerson',
      'readBankDetails',
      'markPaid',
    ] as const),
  };
}
export type RewardItem = ReturnType<typeof rewardItem>;

/** The rewards ledger for finance and admins (newest first): no reporter data. */
export async function listRewards(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  enforce(rewardPolicy.view, actor, { status: 'proposed', amountYuan: 0, proposedBy: '', approvedBy: null });
  const rows = await deps.db
    .select({ reward: tipRewards, number: tips.number, category: tips.category })
    .from(tipRewards)
    .innerJoin(tips, eq(tips.id, tipRewards.tipId))
    .orderBy(desc(tipRewards.proposedAt))
    .limit(1000);
  return { items: rows.map((r) => rewardItem(deps, actor, r.reward, r)) };
}

/** A reward with its tip's number and category, locked for a change, with the policy's answer. */
export async function loadRewardFor(
  tx: Tx,
  actor: Actor,
  rewardId: string,
  action: keyof typeof rewardPolicy,
) {
  const [row] = await tx
    .select({ reward: tipRewards, number: tips.number, category: tips.category, tipId: tips.id })
    .from(tipRewards)
    .innerJoin(tips, eq(tips.id, tipRewards.tipId))
    .where(eq(tipRewards.id, rewardId))
    .for('update', { of: tipRewards });
  if (!row) throw new AppError('not_found');
  enforce(rewardPolicy[action], actor, row.reward);
  return row;
}
