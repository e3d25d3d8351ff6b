import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { certificateApplications, officerRoles } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { addEvent } from './application-records';

/**
 * Runs from the cron trigger (限时办结): every application whose deadline passed undecided is marked
 * overdue once — counted on the dashboard, written to its history — and its owner is told; an
 * unowned one goes to every reviewer of its village, so it cannot sit unnoticed.
 */
export async function escalateOverdueApplications(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now();
  const a = certificateApplications;
  const rows = await deps.db
    .update(a)
    .set({ overdueAt: now })
    .where(and(inArray(a.status, ['submitted', 'in_review']), lt(a.deadlineAt, now), isNull(a.overdueAt)))
    .returning({ id: a.id, villageId: a.villageId, ownerOfficerId: a.ownerOfficerId });
  for (const row of rows) {
    await addEvent(deps.db, deps, { applicationId: row.id, type: 'overdue', actorUserId: null });
    const recipients = row.ownerOfficerId
      ? [row.ownerOfficerId]
      : (
          await deps.db
            .select({ userId: officerRoles.userId })
            .from(officerRoles)
            .where(
              and(
                eq(officerRoles.role, 'reviewer'),
                sql`(${officerRoles.villageIds} is null or ${row.villageId} = any(${officerRoles.villageIds}))`,
              ),
            )
        ).map((r) => r.userId);
    for (const userId of recipients) {
      await deps.jobs.send({
        type: 'notify-user',
        userId,
        messageKey: 'certificates:notify.officerOverdue',
        params: {},
        button: { textKey: 'certificates:notify.openReview', path: `review/applications/${row.id}` },
      });
    }
  }
  return { escalated: rows.length };
}
