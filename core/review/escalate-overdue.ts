import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { officerRoles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { ReviewTable, ReviewTx } from './review-table';

/** Every reviewer whose scope covers `villageId` (township-wide reviewers included). */
export async function reviewersOfVillage(db: ReviewTx, villageId: number | null): Promise<string[]> {
  const rows = await db
    .select({ userId: officerRoles.userId })
    .from(officerRoles)
    .where(
      and(
        eq(officerRoles.role, 'reviewer'),
        sql`(${officerRoles.villageIds} is null or ${villageId} = any(${officerRoles.villageIds}))`,
      ),
    );
  return [...new Set(rows.map((r) => r.userId))];
}

/**
 * 限时办结 for any review workflow, run from the cron: every record still waiting (`openStatuses`)
 * whose deadline passed is marked overdue once (counted, written to its history by `onOverdue`) and
 * its owner is told; an unowned one goes to every reviewer of its village, so it cannot sit unnoticed.
 */
export async function escalateOverdue(options: {
  deps: CoreDeps;
  table: ReviewTable;
  openStatuses: readonly string[];
  onOverdue: (id: string) => Promise<void>;
  notify: { messageKey: string; textKey: string; path: (id: string) => string };
}): Promise<{ escalated: number }> {
  const { deps, table: t } = options;
  const now = deps.clock.now();
  const rows = (await deps.db
    .update(t.table)
    .set({ overdueAt: now } as never)
    .where(and(inArray(t.status, [...options.openStatuses]), lt(t.deadlineAt, now), isNull(t.overdueAt)))
    .returning({ id: t.id, villageId: t.villageId, ownerOfficerId: t.ownerOfficerId })) as {
    id: string;
    villageId: number | null;
    ownerOfficerId: string | null;
  }[];
  for (const row of rows) {
    await options.onOverdue(row.id);
    const recipients = row.ownerOfficerId
      ? [row.ownerOfficerId]
      : await reviewersOfVillage(deps.db, row.villageId);
    for (const userId of recipients) {
      await deps.jobs.send({
        type: 'notify-user',
        userId,
        messageKey: options.notify.messageKey,
        params: {},
        button: { textKey: options.notify.textKey, path: options.notify.path(row.id) },
      });
    }
  }
  return { escalated: rows.length };
}
