import { and, eq, inArray, isNull, lt, notExists } from 'drizzle-orm';
import { tipNotificationLinks, tipRewards, tips } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { runtimeSettings } from '../settings/runtime-settings';
import { addTipEvent, deleteObjects, deleteTipContent } from './tip-records';

const OPEN_REWARD = ['proposed', 'awaiting_second', 'approved', 'claimed'] as const;

/**
 * Runs from the maintenance cron: approved rewards not claimed in time lapse; chat links of closed
 * tips left behind by a failed closing message are deleted; and the content of tips closed more than
 * the retention setting's days ago (TIPOFF_RETENTION_DAYS by default) is purged (number, day, category, status, triage, finding and the rewards
 * ledger stay) — unless a reward is still open.
 */
export async function purgeClosedTips(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now();
  const lapsed = await deps.db
    .update(tipRewards)
    .set({ status: 'lapsed', bankDetailsSealed: null })
    .where(and(eq(tipRewards.status, 'approved'), lt(tipRewards.claimDeadline, now)))
    .returning({ tipId: tipRewards.tipId });
  for (const r of lapsed) {
    await addTipEvent(deps.db, deps, { tipId: r.tipId, type: 'reward_lapsed', actorOfficerId: null });
  }
  const closed = deps.db.select({ id: tips.id }).from(tips).where(eq(tips.status, 'closed'));
  const links = await deps.db
    .delete(tipNotificationLinks)
    .where(inArray(tipNotificationLinks.tipId, closed))
    .returning({ id: tipNotificationLinks.id });
  const { retentionDays } = (await runtimeSettings(deps)).tipoffs;
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const due = await deps.db
    .select({ id: tips.id })
    .from(tips)
    .where(
      and(
        eq(tips.status, 'closed'),
        lt(tips.closedAt, cutoff),
        isNull(tips.contentPurgedAt),
        notExists(
          deps.db
            .select({ id: tipRewards.id })
            .from(tipRewards)
            .where(and(eq(tipRewards.tipId, tips.id), inArray(tipRewards.status, [...OPEN_REWARD]))),
        ),
      ),
    )
    .limit(200);
  for (const t of due) {
    const { objects } = await deps.db.transaction(async (tx) => {
      const result = await deleteTipContent(tx, deps, t.id);
      await addTipEvent(tx, deps, {
        tipId: t.id,
        type: 'content_purged',
        actorOfficerId: null,
        visible: false,
      });
      return result;
    });
    await deleteObjects(deps, objects);
  }
  return { tipsPurged: due.length, rewardsLapsed: lapsed.length, tipLinksDeleted: links.length };
}
