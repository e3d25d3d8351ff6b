import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { handOverForReview, type THandOver } from '../review/hand-over-review';
import { APPLICATION_REVIEW_TABLE, addEvent, loadApplicationFor } from './application-records';

export { type THandOver, ZHandOverSchema } from '../review/hand-over-review';

/**
 * The owning reviewer (or an admin reassigning work) passes an application to another reviewer of
 * the same village. The handover is part of the history and the new owner is told by chat.
 */
export async function handOverApplication(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  input: THandOver;
}) {
  const { deps, actor } = options;
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'handOver');
  await handOverForReview({
    deps,
    actor,
    record: row,
    input: options.input,
    table: APPLICATION_REVIEW_TABLE,
    set: { status: row.status === 'submitted' ? 'in_review' : row.status },
    addEvent: (tx, details) =>
      addEvent(tx, deps, { applicationId: row.id, type: 'handed_over', actorUserId: actor.userId, details }),
    audit: { action: 'certificate_application.hand_over', recordType: 'certificate_application' },
    notify: {
      messageKey: 'certificates:notify.officerHandedOver',
      textKey: 'certificates:notify.openReview',
      path: `review/applications/${row.id}`,
    },
  });
}
