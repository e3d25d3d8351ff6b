import { and, eq, isNull } from 'drizzle-orm';
import { certificateApplications } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { type Actor, canActInVillage } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { addEvent, loadApplicationInScope, notifyApplicant, REVIEW_ROLES } from './application-records';
import { applicationView, officerExtras } from './application-view';

/**
 * A reviewer opens an application. The first reviewer to open a submitted, unowned application
 * owns it until they hand it over (首问负责制); the claim is atomic, so two officers opening it at
 * the same moment cannot both own it. Every officer read is audited.
 */
export async function openApplicationForReview(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
}) {
  const { deps, actor } = options;
  let row = await loadApplicationInScope(deps.db, actor, options.applicationId);
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.read',
      recordType: 'certificate_application',
      recordId: row.id,
    },
  });
  if (
    row.status === 'submitted' &&
    !row.ownerOfficerId &&
    canActInVillage(actor, REVIEW_ROLES, row.villageId)
  ) {
    const now = deps.clock.now();
    const claimed = await deps.db.transaction(async (tx) => {
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
      if (updated)
        await addEvent(tx, deps, { applicationId: row.id, type: 'claimed', actorUserId: actor.userId });
      return updated;
    });
    if (claimed) {
      row = claimed;
      await notifyApplicant(deps, row, 'inReview');
    } else {
      row = await loadApplicationInScope(deps.db, actor, options.applicationId);
    }
  }
  return {
    ...(await applicationView(deps, row, { forOfficer: true })),
    ...(await officerExtras(deps, row, actor.userId)),
  };
}
