import { desc, eq } from 'drizzle-orm';
import { certificateApplications, certificates } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';

/** The applicant's applications, newest first, with the serial of any certificate issued. */
export async function listOwnApplications(options: { deps: CoreDeps; actor: Actor }) {
  const rows = await options.deps.db
    .select({
      id: certificateApplications.id,
      status: certificateApplications.status,
      createdAt: certificateApplications.createdAt,
      submittedAt: certificateApplications.submittedAt,
      deadlineAt: certificateApplications.deadlineAt,
      decidedAt: certificateApplications.decidedAt,
      serial: certificates.serial,
      certificateStatus: certificates.status,
      validUntil: certificates.validUntil,
    })
    .from(certificateApplications)
    .leftJoin(certificates, eq(certificates.applicationId, certificateApplications.id))
    .where(eq(certificateApplications.applicantUserId, options.actor.userId))
    .orderBy(desc(certificateApplications.createdAt));
  return rows;
}
