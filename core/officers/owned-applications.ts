import { and, eq, inArray } from 'drizzle-orm';
import { certificateApplications } from '../../db/schema';
import type { ApplicationRecord } from '../certificates/application-policy';
import type { CoreDeps } from '../deps';

/** Statuses in which an application has an owning reviewer who must never just disappear (首问负责). */
export const OWNED_STATUSES = ['submitted', 'in_review', 'returned'] as const;

/** The open applications an officer owns. */
export async function ownedApplications(deps: CoreDeps, userId: string) {
  const rows = await deps.db
    .select({
      id: certificateApplications.id,
      applicantUserId: certificateApplications.applicantUserId,
      villageId: certificateApplications.villageId,
      status: certificateApplications.status,
      ownerOfficerId: certificateApplications.ownerOfficerId,
    })
    .from(certificateApplications)
    .where(
      and(
        eq(certificateApplications.ownerOfficerId, userId),
        inArray(certificateApplications.status, [...OWNED_STATUSES]),
      ),
    );
  return rows as (ApplicationRecord & { id: string })[];
}
