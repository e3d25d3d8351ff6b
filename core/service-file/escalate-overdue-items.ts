import type { CoreDeps } from '../deps';
import { escalateOverdue } from '../review/escalate-overdue';
import { addItemEvent, SERVICE_ITEM_REVIEW_TABLE } from './service-file-records';

/** Cron (限时办结): submitted items past their review deadline are escalated, as for certificates. */
export async function escalateOverdueItems(options: { deps: CoreDeps }) {
  const { deps } = options;
  return escalateOverdue({
    deps,
    table: SERVICE_ITEM_REVIEW_TABLE,
    openStatuses: ['submitted'],
    onOverdue: (id) => addItemEvent(deps.db, deps, { itemId: id, type: 'overdue', actorUserId: null }),
    notify: {
      messageKey: 'serviceFile:notify.officerOverdue',
      textKey: 'serviceFile:notify.openReview',
      path: (id) => `review/service-file/items/${id}`,
    },
  });
}
