import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { certificates } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { addEvent, notifyApplicant } from './application-records';
import { REASON_MAX_CHARS, REASON_MIN_CHARS } from './certificate-limits';
import { certificatePolicy } from './certificate-policy';

export const ZRevokeCertificateSchema = z.object({
  reason: z.string().trim().min(REASON_MIN_CHARS).max(REASON_MAX_CHARS),
});
export type TRevokeCertificate = z.infer<typeof ZRevokeCertificateSchema>;

/**
 * A reviewer (or admin) of the certificate's village revokes it with a reason: from then on every
 * check says "revoked". The holder is told, and the act is in the history and the audit log.
 */
export async function revokeCertificate(options: {
  deps: CoreDeps;
  actor: Actor;
  serial: string;
  input: TRevokeCertificate;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const revoked = await deps.db.transaction(async (tx) => {
    const [cert] = await tx
      .select()
      .from(certificates)
      .where(eq(certificates.serial, options.serial))
      .for('update');
    if (!cert) throw new AppError('not_found');
    enforce(certificatePolicy.revoke, actor, cert);
    const [updated] = await tx
      .update(certificates)
      .set({ status: 'revoked', revokedAt: now, revokedBy: actor.userId, revokeReason: input.reason })
      .where(and(eq(certificates.id, cert.id), eq(certificates.status, 'valid')))
      .returning();
    await addEvent(tx, deps, {
      applicationId: cert.applicationId,
      type: 'revoked',
      actorUserId: actor.userId,
      details: { serial: cert.serial, reason: input.reason },
    });
    return updated!;
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate.revoke',
      recordType: 'certificate',
      recordId: revoked.id,
      reason: input.reason,
    },
  });
  await notifyApplicant(
    deps,
    { id: revoked.applicationId, applicantUserId: revoked.holderUserId },
    'revoked',
    {
      serial: revoked.serial,
      reason: input.reason,
    },
  );
  return { serial: revoked.serial, status: revoked.status, revokedAt: revoked.revokedAt };
}
