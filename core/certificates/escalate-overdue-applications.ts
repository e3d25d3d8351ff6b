import type { CoreDeps } from '../deps';
import { escalateOverdue } from '../review/escalate-overdue';
import { APPLICATION_REVIEW_TABLE, addEvent } from './application-records';

/**
 * Runs from the cron trigger (限时办结): every application whose deadline passed undecided is marked
 * overdue once — counted on the dashboard, written to its history — and its owner is told; an
 * unowned one goes to every reviewer of its village (core/review/escalate-overdue.ts).
 */
export async function escalateOverdueApplications(options: { deps: CoreDeps }) {
  const { deps } = options;
  return escalateOverdue({
    deps,
    table: APPLICATION_REVIEW_TABLE,
    openStatuses: ['submitted', 'in_review'],
    onOverdue: (id) => addEvent(deps.db, deps, { applicationId: id, type: 'overdue', actorUserId: null }),
    notify: {
      messageKey: 'certificates:notify.officerOverdue',
      textKey: 'certificates:notify.openReview',
      path: (id) => `review/applications/${id}`,
    },
  });
}
