import { and, eq, isNull } from 'drizzle-orm';
import { healthConsents, serviceItems, serviceSubmissions } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { storeFile } from '../files/store-file';
import { reviewDeadline } from '../review/review-deadline';
import { runtimeSettings } from '../settings/runtime-settings';
import { addDays } from './item-rules';
import { addItemEvent, cancelRemindersFor, loadOwnItem, today } from './service-file-records';
import {
  CHECKUP_MAX_AGE_DAYS,
  type ReviewedKind,
  type TCheckupForm,
  type TProofForm,
} from './service-file-schema';

/**
 * The person hands in a check-up report (clinic, city, date and the report) or a proof from the new
 * place: the file goes through the fail-closed upload pipeline, the item waits for its village's
 * reviewers with a deadline in working days, and planned reminders about it are cancelled at once.
 * A health upload needs the health consent first (consent_required). After a return the same owner
 * keeps it (首问负责).
 */
export async function submitItemUpload(options: {
  deps: CoreDeps;
  actor: Actor;
  kind: ReviewedKind;
  form: TCheckupForm | TProofForm;
  bytes: Uint8Array;
  fileName?: string | null;
}) {
  const { deps, actor, kind } = options;
  const now = deps.clock.now();
  const item = await loadOwnItem(deps.db, actor, kind, 'upload');
  if (kind === 'health_checkup') {
    const [consent] = await deps.db
      .select({ id: healthConsents.id })
      .from(healthConsents)
      .where(and(eq(healthConsents.userId, actor.userId), isNull(healthConsents.withdrawnAt)));
    if (!consent) throw new AppError('consent_required');
    const examDate = (options.form as TCheckupForm).examDate;
    if (examDate < addDays(today(deps), -CHECKUP_MAX_AGE_DAYS))
      throw new AppError('validation_failed', {
        fields: [{ path: 'examDate', message: 'serviceFile:validation.checkupTooOld' }],
      });
  }
  const stored = await storeFile({
    deps,
    ownerUserId: actor.userId,
    purpose: `service_file:${kind}`,
    bytes: options.bytes,
    fileName: options.fileName ?? null,
  });
  const settings = await runtimeSettings(deps);
  const deadlineAt = reviewDeadline(now, settings.serviceFile.reviewWorkingDays, settings.calendar);
  const details = Object.fromEntries(
    Object.entries(options.form).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  );
  await deps.db.transaction(async (tx) => {
    // Re-checked under the row lock: two uploads at once leave one submission waiting.
    const current = await loadOwnItem(tx, actor, kind, 'upload', { forUpdate: true });
    const [submission] = await tx
      .insert(serviceSubmissions)
      .values({
        itemId: current.id,
        userId: actor.userId,
        kind,
        status: 'submitted',
        details,
        fileId: stored.id,
        submittedAt: now,
      })
      .returning({ id: serviceSubmissions.id });
    await tx
      .update(serviceItems)
      .set({
        status: 'submitted',
        currentSubmissionId: submission!.id,
        submittedAt: now,
        deadlineAt,
        overdueAt: null,
        returnItems: null,
        // Nothing to remind while it waits for an officer (a return starts the reminders again).
        nextRemindOn: null,
        // 首问负责: after a return the owner keeps it; a first submission waits to be claimed.
        ...(current.status === 'returned' ? {} : { ownerOfficerId: null, ownedSince: null }),
        updatedAt: now,
      })
      .where(eq(serviceItems.id, current.id));
    await addItemEvent(tx, deps, {
      itemId: current.id,
      type: current.status === 'returned' ? 'resubmitted' : 'submitted',
      actorUserId: actor.userId,
    });
    await cancelRemindersFor(tx, deps, actor.userId, [current.id]);
  });
  if (item.status === 'returned' && item.ownerOfficerId) {
    await deps.jobs.send({
      type: 'notify-user',
      userId: item.ownerOfficerId,
      messageKey: 'serviceFile:notify.officerResubmitted',
      params: {},
      button: { textKey: 'serviceFile:notify.openReview', path: `review/service-file/items/${item.id}` },
    });
  }
  return { status: 'submitted' as const, deadlineAt };
}
