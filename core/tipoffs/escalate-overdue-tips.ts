import { and, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { tips } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { dueStage } from './list-tip-queue';
import { addTipEvent, notifyOfficers } from './tip-records';

/**
 * Runs from the maintenance cron (限时办结): each tip whose current deadline (acknowledge, triage,
 * outcome) passed is escalated once per stage — counted on the tip, written to its history (not
 * shown to the reporter) and its owner told, or every case handler when nobody owns it yet.
 */
export async function escalateOverdueTips(options: { deps: CoreDeps }) {
  const { deps } = options;
  const now = deps.clock.now();
  const stageIs = (stage: 'acknowledge' | 'triage' | 'outcome') =>
    or(isNull(tips.overdueStage), ne(tips.overdueStage, stage));
  const candidates = await deps.db
    .select({ id: tips.id, status: tips.status, ownerOfficerId: tips.ownerOfficerId })
    .from(tips)
    .where(
      or(
        and(eq(tips.status, 'received'), lt(tips.ackDueAt, now), stageIs('acknowledge')),
        and(eq(tips.status, 'acknowledged'), lt(tips.triageDueAt, now), stageIs('triage')),
        and(
          inArray(tips.status, ['accepted', 'investigating']),
          lt(tips.outcomeDueAt, now),
          stageIs('outcome'),
        ),
      ),
    )
    .limit(500);
  let escalated = 0;
  for (const c of candidates) {
    const stage = dueStage(c.status);
    if (!stage) continue;
    const [row] = await deps.db
      .update(tips)
      .set({ overdueStage: stage, overdueCount: sql`${tips.overdueCount} + 1` })
      .where(and(eq(tips.id, c.id), eq(tips.status, c.status), stageIs(stage)))
      .returning({ id: tips.id });
    if (!row) continue;
    escalated += 1;
    await addTipEvent(deps.db, deps, {
      tipId: c.id,
      type: 'overdue',
      actorOfficerId: null,
      note: stage,
      visible: false,
    });
    await notifyOfficers(deps, {
      role: 'case_handler',
      ...(c.ownerOfficerId ? { userIds: [c.ownerOfficerId] } : {}),
      messageKey: 'tipoffs:notify.officerOverdue',
      path: `tips/${c.id}`,
    });
  }
  return { tipsEscalated: escalated };
}
