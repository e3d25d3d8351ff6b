import { desc, eq } from 'drizzle-orm';
import { certificateApplications, certificates } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { certificateStanding } from './certificate-standing';

/** The applicant's applications, newest first, with the serial and standing of any certificate issued. */
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
      revokedAt: certificates.revokedAt,
    })
    .from(certificateApplications)
    .leftJoin(certificates, eq(certificates.applicationId, certificateApplications.id))
    .where(eq(certificateApplications.applicantUserId, options.actor.userId))
    .orderBy(desc(certificateApplications.createdAt));
  const now = options.deps.clock.now();
  return rows.map((r) => ({
    ...r,
    certificateState:
      r.certificateStatus && r.validUntil
        ? certificateStanding({ status: r.certificateStatus, validUntil: r.validUntil }, now)
        : null,
  }));
}
