import { and, eq, isNull } from 'drizzle-orm';
import { certificateApplications } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { allows } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { applicationPolicy } from './application-policy';
import { addEvent, loadApplicationFor, notifyApplicant } from './application-records';
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
  let row = await loadApplicationFor(deps.db, actor, options.applicationId, 'view');
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.read',
      recordType: 'certificate_application',
      recordId: row.id,
    },
  });
  if (allows(applicationPolicy.claim, actor, row)) {
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
      row = await loadApplicationFor(deps.db, actor, options.applicationId, 'view');
    }
  }
  const view = await applicationView(deps, row, { forOfficer: true });
  return { ...view, ...(await officerExtras(deps, row, actor, view.certificate)) };
}
