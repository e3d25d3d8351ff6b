import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import {
  addEvent,
  assertOwner,
  assertStatus,
  loadApplicationInScope,
  notifyApplicant,
} from './application-records';

export const ZRejectApplicationSchema = z.object({ reason: z.string().trim().min(5).max(1000) });
export type TRejectApplication = z.infer<typeof ZRejectApplicationSchema>;

/** The owning reviewer refuses the application with a reason the applicant will read. */
export async function rejectApplication(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  input: TRejectApplication;
}) {
  const { deps, actor, input } = options;
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const current = await loadApplicationInScope(tx, actor, options.applicationId, { forUpdate: true });
    assertOwner(actor, current);
    assertStatus(current, ['in_review']);
    const [updated] = await tx
      .update(certificateApplications)
      .set({ status: 'rejected', rejectReason: input.reason, decidedAt: now, updatedAt: now })
      .where(and(eq(certificateApplications.id, current.id), eq(certificateApplications.status, 'in_review')))
      .returning();
    await addEvent(tx, deps, {
      applicationId: current.id,
      type: 'rejected',
      actorUserId: actor.userId,
      details: { reason: input.reason },
    });
    return updated!;
  });
  await notifyApplicant(deps, row, 'rejected', { reason: input.reason });
  return { status: row.status };
}
