import { and, eq, lt } from 'drizzle-orm';
import { tipRewards, tips } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { parseOrThrow } from '../validation';
import { getRewardTiers } from './get-reward-tiers';
import { rewardItem } from './list-rewards';
import { addTipEvent, loadTipFor, notifyOfficers } from './tip-records';
import { ZProposeRewardSchema } from './tipoff-schema';

/**
 * The owning handler proposes a reward for a substantiated tip, within its category's tier. Only the
 * first substantiated tip (lowest number) of a matter may have one, and a matter has one live reward.
 */
export async function proposeReward(options: {
  deps: CoreDeps;
  actor: Actor;
  tipId: string;
  input: { amountYuan: number; note?: string };
}) {
  const { deps, actor } = options;
  const input = parseOrThrow(ZProposeRewardSchema, options.input);
  const { tiers } = await getRewardTiers({ deps });
  const now = deps.clock.now();
  const { tip, reward } = await deps.db.transaction(async (tx) => {
    const tip = await loadTipFor(tx, actor, options.tipId, 'proposeReward', { forUpdate: true });
    if (tip.finding !== 'substantiated') throw new AppError('invalid_transition');
    const tier = tiers.find((t) => t.category === tip.category)!;
    if (tier.maxYuan === 0 || input.amountYuan < tier.minYuan || input.amountYuan > tier.maxYuan) {
      throw new AppError('reward_outside_tier', { params: { min: tier.minYuan, max: tier.maxYuan } });
    }
    const [earlier] = await tx
      .select({ number: tips.number })
      .from(tips)
      .where(
        and(
          eq(tips.matterTipId, tip.matterTipId),
          eq(tips.finding, 'substantiated'),
          lt(tips.number, tip.number),
        ),
      )
      .limit(1);
    if (earlier) throw new AppError('reward_not_first', { params: { number: earlier.number } });
    const inserted = await tx
      .insert(tipRewards)
      .values({
        tipId: tip.id,
        matterTipId: tip.matterTipId,
        amountYuan: input.amountYuan,
        proposedBy: actor.userId,
        proposedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted[0]) throw new AppError('reward_not_first', { params: { number: tip.number } });
    await addTipEvent(tx, deps, {
      tipId: tip.id,
      type: 'reward_proposed',
      actorOfficerId: actor.userId,
      note: input.note ?? null,
      visible: false,
    });
    return { tip, reward: inserted[0] };
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'tip_reward.propose',
      recordType: 'tip_reward',
      recordId: reward.id,
      details: { tipNumber: tip.number, amountYuan: reward.amountYuan },
    },
  });
  await notifyOfficers(deps, {
    role: 'finance',
    messageKey: 'tipoffs:notify.financeProposed',
    path: 'rewards',
  });
  return rewardItem(deps, actor, reward, tip);
}
