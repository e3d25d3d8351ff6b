import { and, desc, eq } from 'drizzle-orm';
import { tipRewards } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { sealBankDetails } from './bank-details-seal';
import { addTipEvent, findTipByReceipt, notifyOfficers, today } from './tip-records';
import { type TRewardClaim, ZRewardClaimSchema } from './tipoff-schema';

/**
 * The reporter claims an approved reward with the receipt, within the window. In person: they bring
 * the receipt (its QR) to the office, where finance marks it claimed (claim-reward-in-person.ts).
 * Bank transfer: name, bank and account are kept sealed until finance marks it paid, then deleted.
 */
export async function claimReward(options: { deps: CoreDeps; input: TRewardClaim }) {
  const { deps } = options;
  const input = parseOrThrow(ZRewardClaimSchema, options.input);
  const tip = await findTipByReceipt(deps.db, deps, input.receipt);
  const [reward] = await deps.db
    .select()
    .from(tipRewards)
    .where(eq(tipRewards.tipId, tip.id))
    .orderBy(desc(tipRewards.proposedAt))
    .limit(1);
  const now = deps.clock.now();
  if (reward?.status !== 'approved' || (reward.claimDeadline && reward.claimDeadline < now)) {
    throw new AppError('invalid_transition');
  }
  if (input.method === 'in_person') {
    await deps.db
      .update(tipRewards)
      .set({ claimMethod: 'in_person' })
      .where(and(eq(tipRewards.id, reward.id), eq(tipRewards.status, 'approved')));
    return { status: 'approved' as const, method: 'in_person' as const };
  }
  const sealed = await sealBankDetails(
    deps.config.tipoffs.receiptKey,
    { accountName: input.accountName, bankName: input.bankName, accountNumber: input.accountNumber },
    reward.id,
  );
  const [updated] = await deps.db
    .update(tipRewards)
    .set({
      status: 'claimed',
      claimMethod: 'bank_transfer',
      claimedDay: today(deps),
      bankDetailsSealed: sealed,
    })
    .where(and(eq(tipRewards.id, reward.id), eq(tipRewards.status, 'approved')))
    .returning({ id: tipRewards.id });
  if (!updated) throw new AppError('conflict');
  await addTipEvent(deps.db, deps, {
    tipId: tip.id,
    type: 'reward_claimed',
    actorOfficerId: null,
    reporter: true,
  });
  await notifyOfficers(deps, {
    role: 'finance',
    messageKey: 'tipoffs:notify.financeClaimed',
    path: 'rewards',
  });
  return { status: 'claimed' as const, method: 'bank_transfer' as const };
}
