import { desc, eq, inArray } from 'drizzle-orm';
import { officerRoles, tipRewards, tips, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { allows, canFlags, enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { runtimeSettings } from '../settings/runtime-settings';
import type { Tx } from './tip-records';
import { needsSecondApproval, rewardPolicy } from './tipoff-policy';

export type RewardRow = typeof tipRewards.$inferSelect;
type RewardWithTip = { reward: RewardRow; number: number; category: string };

/** Who may still approve a reward now (policy's approve rule): only while it waits for an approval. */
const WAITING: readonly RewardRow['status'][] = ['proposed', 'awaiting_second'];

/**
 * Rewards as finance sees them: amounts, steps and dates, and the officers' display names — who
 * proposed, who approved, who may approve next (from the policy, over every finance officer and
 * admin). Never who reported, never the bank details. The threshold is the run-time setting.
 */
export async function rewardItems(deps: CoreDeps, actor: Actor, rows: readonly RewardWithTip[]) {
  if (rows.length === 0) return [];
  const { secondApprovalYuan } = (await runtimeSettings(deps)).tipoffs;
  const staff = await approvers(deps, rows);
  const nameOf = (id: string | null) => (id ? (staff.names.get(id) ?? null) : null);
  return rows.map(({ reward: r, number, category }) => ({
    id: r.id,
    tipNumber: number,
    category,
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
    needsSecondApproval: needsSecondApproval(r.amountYuan, secondApprovalYuan),
    hasBankDetails: r.bankDetailsSealed !== null,
    proposedByName: nameOf(r.proposedBy),
    approvedByName: nameOf(r.approvedBy),
    secondApprovedByName: nameOf(r.secondApprovedBy),
    /** Officers who may give the approval it waits for (empty once none is awaited). */
    canApproveNames: WAITING.includes(r.status)
      ? staff.actors.filter((a) => allows(rewardPolicy.approve, a, r)).map((a) => staff.names.get(a.userId)!)
      : [],
    can: canFlags(rewardPolicy, actor, r, [
      'approve',
      'decline',
      'claimInPerson',
      'readBankDetails',
      'markPaid',
    ] as const),
  }));
}
export type RewardItem = Awaited<ReturnType<typeof rewardItems>>[number];

export async function rewardItem(
  deps: CoreDeps,
  actor: Actor,
  reward: RewardRow,
  tip: { number: number; category: string },
): Promise<RewardItem> {
  const [item] = await rewardItems(deps, actor, [{ reward, number: tip.number, category: tip.category }]);
  return item!;
}

/** The finance officers and admins (as actors, for the policy) and the names of everyone named. */
async function approvers(deps: CoreDeps, rows: readonly RewardWithTip[]) {
  const grants = await deps.db
    .select({
      userId: officerRoles.userId,
      telegramId: users.telegramId,
      role: officerRoles.role,
      villageIds: officerRoles.villageIds,
    })
    .from(officerRoles)
    .innerJoin(users, eq(users.id, officerRoles.userId))
    .where(inArray(officerRoles.role, [...rewardPolicy.approve.roles]));
  const byUser = new Map<string, Actor>();
  for (const g of grants) {
    const a = byUser.get(g.userId) ?? {
      userId: g.userId,
      telegramId: g.telegramId,
      villageId: null,
      roles: [],
    };
    a.roles.push({ role: g.role, villageIds: g.villageIds ?? null });
    byUser.set(g.userId, a);
  }
  const named = new Set<string>(byUser.keys());
  for (const { reward: r } of rows)
    for (const id of [r.proposedBy, r.approvedBy, r.secondApprovedBy]) if (id) named.add(id);
  const people = await deps.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...named]));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const actors = [...byUser.values()].sort((a, b) =>
    (names.get(a.userId) ?? '').localeCompare(names.get(b.userId) ?? '', 'zh-CN'),
  );
  return { actors, names };
}

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
  return { items: await rewardItems(deps, actor, rows) };
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
