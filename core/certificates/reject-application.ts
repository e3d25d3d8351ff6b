import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { decideAsOwner, notifyApplicant } from './application-records';
import { REASON_MAX_CHARS, REASON_MIN_CHARS } from './certificate-limits';

export const ZRejectApplicationSchema = z.object({
  reason: z.string().trim().min(REASON_MIN_CHARS).max(REASON_MAX_CHARS),
});
export type TRejectApplication = z.infer<typeof ZRejectApplicationSchema>;

/** The owning reviewer refuses the application with a reason the applicant will read. */
export async function rejectApplication(options: {
  deps: CoreDeps;
  actor: Actor;
  applicationId: string;
  input: TRejectApplication;
}) {
  const { deps, actor, input } = options;
  const row = await decideAsOwner(deps, actor, options.applicationId, {
    set: { status: 'rejected', rejectReason: input.reason, decidedAt: deps.clock.now() },
    event: { type: 'rejected', details: { reason: input.reason } },
  });
  await notifyApplicant(deps, row, 'rejected', { reason: input.reason });
  return { status: row.status };
}
