import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { certificateApplications } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadActorById } from '../users/load-actor-by-id';
import { canOwn } from './application-policy';
import { addEvent, loadApplicationFor } from './application-records';
import { HANDOVER_NOTE_MAX_CHARS } from './certificate-limits';

export const ZHandOverSchema = z.object({
  toOfficerUserId: z.uuid(),
  note: z.string().trim().max(HANDOVER_NOTE_MAX_CHARS).optional(),
});
export type THandOver = z.infer<typeof ZHandOverSchema>;

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
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const row = await loadApplicationFor(deps.db, actor, options.applicationId, 'handOver');
  const target = await loadActorById({ deps, userId: input.toOfficerUserId });
  if (!target || !canOwn(target, row) || target.userId === row.ownerOfficerId) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'toOfficerUserId', message: 'certificates:validation.handoverTarget' }],
    });
  }
  await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(certificateApplications)
      .set({
        ownerOfficerId: target.userId,
        ownedSince: now,
        status: row.status === 'submitted' ? 'in_review' : row.status,
        updatedAt: now,
      })
      .where(and(eq(certificateApplications.id, row.id), eq(certificateApplications.status, row.status)))
      .returning({ id: certificateApplications.id });
    if (!updated) throw new AppError('conflict');
    await addEvent(tx, deps, {
      applicationId: row.id,
      type: 'handed_over',
      actorUserId: actor.userId,
      details: {
        fromOfficerUserId: row.ownerOfficerId,
        toOfficerUserId: target.userId,
        ...(input.note ? { note: input.note } : {}),
      },
    });
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'certificate_application.hand_over',
      recordType: 'certificate_application',
      recordId: row.id,
      details: { toOfficerUserId: target.userId },
    },
  });
  await deps.jobs.send({
    type: 'notify-user',
    userId: target.userId,
    messageKey: 'certificates:notify.officerHandedOver',
    params: {},
    button: { textKey: 'certificates:notify.openReview', path: `review/applications/${row.id}` },
  });
}
