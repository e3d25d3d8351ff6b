import { and, eq } from 'drizzle-orm';
import { applicationDocuments, certificateApplications } from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import { AppError, type FieldIssue } from '../errors';
import { reviewDeadline } from '../review/review-deadline';
import { todayInShanghai } from '../review/working-days';
import { runtimeSettings } from '../settings/runtime-settings';
import { issuesToFields } from '../validation';
import { addEvent, loadApplicationFor, notifyApplicant, shanghaiDateTime } from './application-records';
import { applicationFormSchema, dropEmptyFields, requiredDocuments } from './application-schema';
import { announceRerouting, routeResubmission } from './route-resubmission';

/**
 * Hands the application to the office. Everything that is missing or wrong — fields, documents,
 * the village — is reported in one answer (一次性告知), and nothing changes until all is right.
 * The deadline is N working days from now (限时办结); a resubmission after a return gets a new one
 * and stays with the officer who owns it (首问负责) unless the applicant moved it to a village that
 * officer does not cover: then it goes back to that village's queue, visibly (route-resubmission.ts).
 */
export async function submitApplication(options: { deps: CoreDeps; actor: Actor; applicationId: string }) {
  const { deps, actor } = options;
  const now = deps.clock.now();
  // Read before the transaction: the admin's deadline and calendar (one read per request).
  const settings = (await runtimeSettings(deps)).certificates;
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadApplicationFor(tx, actor, options.applicationId, 'edit', { forUpdate: true });

    const schema = applicationFormSchema({ today: todayInShanghai(now) });
    const parsed = schema.safeParse(dropEmptyFields(row.form));
    const fields: FieldIssue[] = parsed.success ? [] : issuesToFields(parsed.error.issues);
    if (!row.villageId)
      fields.push({ path: 'villageId', message: 'certificates:validation.villageRequired' });
    const docs = await tx
      .select({ kind: applicationDocuments.kind })
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, row.id));
    const have = new Set(docs.map((d) => d.kind));
    for (const kind of requiredDocuments(row.form as never)) {
      if (!have.has(kind))
        fields.push({
          path: `documents.${kind}`,
          message: `certificates:validation.documentMissing.${kind}`,
        });
    }
    if (fields.length > 0 || !parsed.success) throw new AppError('validation_failed', { fields });

    const deadlineAt = reviewDeadline(now, settings.deadlineWorkingDays, settings.calendar);
    const resubmission = row.status === 'returned';
    // A corrected village re-routes it: never left with an owner who cannot act there.
    const { ownerOfficerId, rerouting } = resubmission
      ? await routeResubmission(tx, deps, actor, row)
      : { ownerOfficerId: row.ownerOfficerId, rerouting: null };
    const [updated] = await tx
      .update(certificateApplications)
      .set({
        // The normalised form (trimmed, upper-case X) is what the officer reviews and the certificate states.
        form: parsed.data as unknown as Record<string, unknown>,
        status: ownerOfficerId ? 'in_review' : 'submitted',
        ownerOfficerId,
        ownedSince: ownerOfficerId ? row.ownedSince : null,
        submittedAt: now,
        deadlineAt,
        overdueAt: null,
        returnItems: null,
        submissionCount: row.submissionCount + 1,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(and(eq(certificateApplications.id, row.id), eq(certificateApplications.status, row.status)))
      .returning();
    await addEvent(tx, deps, {
      applicationId: row.id,
      type: resubmission ? 'resubmitted' : 'submitted',
      actorUserId: actor.userId,
      // The village it was received for: the next resubmission compares against it.
      details: { deadlineAt: deadlineAt.toISOString(), villageId: row.villageId },
    });
    return { row: updated!, resubmission, rerouting };
  });
  if (result.rerouting) await announceRerouting(deps, actor, result.row.id, result.rerouting);

  const deadline = shanghaiDateTime(result.row.deadlineAt!);
  await notifyApplicant(deps, result.row, result.resubmission ? 'resubmitted' : 'submitted', { deadline });
  if (result.resubmission && result.row.ownerOfficerId) {
    await deps.jobs.send({
      type: 'notify-user',
      userId: result.row.ownerOfficerId,
      messageKey: 'certificates:notify.officerResubmitted',
      params: { deadline },
      button: { textKey: 'certificates:notify.openReview', path: `review/applications/${result.row.id}` },
    });
  }
  return { status: result.row.status, deadlineAt: result.row.deadlineAt!, version: result.row.version };
}
