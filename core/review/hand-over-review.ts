import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { HANDOVER_NOTE_MAX_CHARS } from '../certificates/certificate-limits';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { loadActorById } from '../users/load-actor-by-id';
import { canOwnInVillage, type OwnedRecord } from './review-ownership';
import type { ReviewTable, ReviewTx } from './review-table';

export const ZHandOverSchema = z.object({
  toOfficerUserId: z.uuid(),
  note: z.string().trim().max(HANDOVER_NOTE_MAX_CHARS).optional(),
});
export type THandOver = z.infer<typeof ZHandOverSchema>;

/**
 * Passes a record under review to another reviewer of its village (首问负责: ownership moves only by
 * a recorded handover). The caller has checked that `actor` may hand it over (its policy). The
 * target must be able to own it; the change is conditional on the status not having moved, the
 * history event is written in the same transaction, the audit log records it and the new owner is
 * told by chat.
 */
export async function handOverForReview(options: {
  deps: CoreDeps;
  actor: Actor;
  record: OwnedRecord & { id: string; status: string };
  input: THandOver;
  table: ReviewTable;
  /** Extra changes (a certificate application leaves 'submitted' for 'in_review'). */
  set?: Record<string, unknown>;
  addEvent: (tx: ReviewTx, details: Record<string, unknown>) => Promise<void>;
  audit: { action: string; recordType: string };
  notify: { messageKey: string; textKey: string; path: string };
}): Promise<{ toOfficerUserId: string }> {
  const { deps, actor, record, input, table: t } = options;
  const now = deps.clock.now();
  const target = await loadActorById({ deps, userId: input.toOfficerUserId });
  if (!target || !canOwnInVillage(target, record.villageId) || target.userId === record.ownerOfficerId) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'toOfficerUserId', message: 'certificates:validation.handoverTarget' }],
    });
  }
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(t.table)
      .set({ ownerOfficerId: target.userId, ownedSince: now, updatedAt: now, ...options.set } as never)
      .where(and(eq(t.id, record.id), eq(t.status, record.status)))
      .returning({ id: t.id });
    if (updated.length === 0) throw new AppError('conflict');
    await options.addEvent(tx, {
      fromOfficerUserId: record.ownerOfficerId,
      toOfficerUserId: target.userId,
      ...(input.note ? { note: input.note } : {}),
    });
  });
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: options.audit.action,
      recordType: options.audit.recordType,
      recordId: record.id,
      details: { toOfficerUserId: target.userId },
    },
  });
  await deps.jobs.send({
    type: 'notify-user',
    userId: target.userId,
    messageKey: options.notify.messageKey,
    params: {},
    button: { textKey: options.notify.textKey, path: options.notify.path },
  });
  return { toOfficerUserId: target.userId };
}
