import { and, eq, isNull } from 'drizzle-orm';
import { certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { addEvent, loadApplicationFor, notifyApplicant } from './application-records';

/**
 * A reviewer of its village takes up a submitted, unowned application (领取办理) and owns it until a
 * recorded handover (首问负责制). Atomic: of two officers pressing at the same moment, one owns it and
 * the other is told it is no longer free (invalid_transition), never both.
 */
export async function claimApplication(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const row = await loadApplicationFor(tx, actor, options.applicationId, 'claim', { forUpdate: true });
    const [updated] = await tx
      .update(certificateApplications)
      .set({ ownerOfficerId: actor.userId, ownedSince: now, status: 'in_review', updatedAt: now })
      .where(
        and(
          eq(certificateApplications.id, row.id),
          eq(certificateApplications.status, 'submitted'),
          isNull(certificateApplications.ownerOfficerId),
        ),
      )
      .returning();
    if (!updated) throw new AppError('invalid_transition');
    await addEvent(tx, deps, { applicationId: row.id, type: 'claimed', actorUserId: actor.userId });
    return updated;
  });
  await notifyApplicant(deps, claimed, 'inReview');
  return { status: claimed.status };
}
