import type { certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { claimForReview } from '../review/claim-for-review';
import {
  APPLICATION_REVIEW_TABLE,
  addEvent,
  findApplication,
  loadApplicationFor,
  notifyApplicant,
} from './application-records';

/**
 * A reviewer of its village takes up a submitted, unowned application (领取办理) and owns it until a
 * recorded handover (首问负责制). Atomic (core/review/claim-for-review.ts): of two officers pressing
 * at the same moment, one owns it and the other is told it is no longer free (invalid_transition).
 */
export async function claimApplication(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const row = await loadApplicationFor(tx, actor, options.applicationId, 'claim', { forUpdate: true });
    await claimForReview(tx, APPLICATION_REVIEW_TABLE, {
      id: row.id,
      waitingStatus: 'submitted',
      ownerUserId: actor.userId,
      now,
      set: { status: 'in_review', updatedAt: now } satisfies Partial<
        typeof certificateApplications.$inferInsert
      >,
    });
    await addEvent(tx, deps, { applicationId: row.id, type: 'claimed', actorUserId: actor.userId });
    return (await findApplication(tx, row.id))!;
  });
  await notifyApplicant(deps, claimed, 'inReview');
  return { status: claimed.status };
}
